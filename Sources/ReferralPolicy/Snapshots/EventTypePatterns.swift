/// The event types the versions of a program declare, as the scanner finds an event's `type`
/// among them where it reads it (``SnapshotScanner/usualEvent()``): each name with its closing
/// quote as two words and their masks, so that a type in its usual shape is found with a
/// compare or two a name, its text read at once, and the timeline need not look it up by name
/// again (``Evaluator/scannedTypes``).
///
/// Usable only when there are at most ``limit`` names, each ASCII text of at most 15 bytes
/// without a quote, a backslash or a control byte: then a usual text (no escape, ASCII) is one
/// of the names exactly when its bytes and closing quote match that name's pattern, and one that
/// matches none is named by no version. Otherwise nothing is matched here (``count`` is 0) and
/// every event's type is looked up by name, as before. Built once per ``DecisionVersions``,
/// which frees it.
struct EventTypePatterns: BitwiseCopyable, Sendable {
    /// Beyond this many names the scan costs more than the lookup it saves.
    static let limit = 12

    /// A name and its closing quote: the first eight bytes under `headMask`, the rest under
    /// `tailMask` (0 when the name is shorter than 8 bytes).
    struct Pattern: BitwiseCopyable {
        var head: UInt64
        var headMask: UInt64
        var tail: UInt64
        var tailMask: UInt64
        var length: Int
    }

    private let patterns: PlanTable<Pattern>
    /// The names' count; 0 when they are not usable (see above).
    let count: Int

    init(_ names: [String]) {
        let usable = names.count <= Self.limit && names.allSatisfy { name in
            name.utf8.count <= 15 && name.utf8.allSatisfy { c in
                c >= 0x20 && c < 0x80 && c != UInt8(ascii: "\"") && c != UInt8(ascii: "\\")
            }
        }
        var list: [Pattern] = []
        if usable {
            for name in names {
                let bytes = Array(name.utf8) + [UInt8(ascii: "\"")]  // at most 16
                var words: (UInt64, UInt64) = (0, 0), masks: (UInt64, UInt64) = (0, 0)
                withUnsafeMutableBytes(of: &words) { w in
                    withUnsafeMutableBytes(of: &masks) { m in
                        for (k, c) in bytes.enumerated() {
                            w[k] = c
                            m[k] = 0xFF
                        }
                    }
                }
                list.append(Pattern(head: words.0, headMask: masks.0, tail: words.1, tailMask: masks.1, length: name.utf8.count))
            }
        }
        patterns = PlanTable(list)
        count = list.count
    }

    /// The index of the name that the 16 bytes `w0`, `w1` (a text's bytes after its opening
    /// quote, the first byte lowest) begin with, its closing quote included, and its length;
    /// nil when they begin with none of them.
    @inline(__always)
    func match(_ w0: UInt64, _ w1: UInt64) -> (index: Int, length: Int)? {
        let all = patterns.all
        // `k` stays below `count`, the table's length.
        for k in 0..<count where w0 & all[k].headMask == all[k].head && w1 & all[k].tailMask == all[k].tail {
            return (k, all[k].length)
        }
        return nil
    }

    /// The names the versions declare, each once, in the order the versions declare them: the
    /// order of the table ``DecisionVersions`` builds.
    static func names(_ plans: [EvaluationPlan]) -> [String] {
        var order: [String] = []
        for plan in plans {
            for name in plan.eventNameList where !order.contains(name) { order.append(name) }
        }
        return order
    }

    /// Frees the table; called by the versions that own it.
    func deallocate() {
        patterns.deallocate()
    }
}
