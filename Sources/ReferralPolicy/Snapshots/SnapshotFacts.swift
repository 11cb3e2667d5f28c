/// A snapshot as the evaluator reads it: plain values, and text as references into the input
/// bytes or into an arena that holds the texts written with escapes. Filled by
/// ``SnapshotScanner`` from JSON, or from a ``Snapshot`` value; its arrays are reused from one
/// snapshot to the next, so deciding a stream allocates nothing per line once warmed up.
struct SnapshotFacts {
    /// The snapshot's single values.
    var head = SnapshotHead()
    var flags: [TextRef] = []
    var attributes: [AttributeFact] = []
    var events: [EventFact] = []
    var rewards: [PastRewardFact] = []
    /// The referrer's other qualified referrals (`referrer.referrals`), for referrer milestones.
    var referrals: [QualifiedReferralFact] = []
    /// Texts that are not bytes of the input as they stand: decoded escapes, or every text of
    /// a snapshot built from a ``Snapshot`` value.
    var arena: [UInt8] = []

    mutating func reset() {
        head = SnapshotHead()
        // An empty array is left as it is (emptying it still costs a uniqueness check).
        Self.empty(&flags)
        Self.empty(&attributes)
        Self.empty(&events)
        Self.empty(&rewards)
        Self.empty(&referrals)
        Self.empty(&arena)
    }

    /// Empties `array`, keeping its capacity: a short one from the end (`removeLast` is a few
    /// instructions an entry; `removeAll(keepingCapacity:)` goes through a generic
    /// `replaceSubrange`), a long one at once.
    @inline(__always)
    static func empty<Element: BitwiseCopyable>(_ array: inout [Element]) {
        guard !array.isEmpty else { return }
        if array.count > 16 { return array.removeAll(keepingCapacity: true) }
        repeat { array.removeLast() } while !array.isEmpty
    }
}

/// The single values of a snapshot.
struct SnapshotHead: BitwiseCopyable {
    var id = TextRef.missing
    var type = TextRef.missing
    /// True when the snapshot has `referrer.referrals` (an empty list included). Here, in the
    /// padding before `asOf`, so that the head is no larger than before it.
    var referralsGiven = false
    var asOf = Instant(secondsSinceEpoch: 0)
    var referrerID = TextRef.missing
    var referrerStatus = TextRef.missing
    var referrerCountry = TextRef.missing
    var refereeID = TextRef.missing
    var signupAt = Instant(secondsSinceEpoch: 0)
    var attribution = TextRef.missing
    var refereeCountry = TextRef.missing
    /// The referrer's and the referee's attributes (from `attributes` and declared flat
    /// fields alike): runs of ``SnapshotFacts/attributes``.
    var referrerAttributes = Span32.empty
    var refereeAttributes = Span32.empty
}

/// Where a text of a snapshot is: `count` bytes at `start` of the input, or of the arena.
/// A missing value has a negative count.
struct TextRef: BitwiseCopyable, Sendable {
    var start: Int32
    var count: Int32
    /// True when every byte is ASCII (compared as bytes alone, see ``TextBytes``).
    var ascii: Bool
    var inArena: Bool

    static let missing = TextRef(start: 0, count: -1, ascii: true, inArena: false)

    var isMissing: Bool { count < 0 }
}

/// A custom attribute of the referrer, the referee or an event.
struct AttributeFact: BitwiseCopyable {
    enum Value: BitwiseCopyable {
        case text(TextRef)
        case integer(Int64)
        case bool(Bool)
    }

    var name: TextRef
    var value: Value
}

/// One event of a snapshot, in snapshot order.
struct EventFact: BitwiseCopyable {
    var type: TextRef
    /// Its type among the scanner's ``SnapshotScanner/eventTypes`` when the scanner matched it
    /// there (an index, or ``noneOfTheNames``); ``notMatched`` when it did not try (then the
    /// evaluator looks the type up by name). Here, in the padding after `type`.
    var typeIndex: Int32 = Self.notMatched
    var at: Instant
    var amount: Int64?
    var currency: TextRef
    /// Its run of ``SnapshotFacts/attributes``.
    var attributes: Span32

    /// ``typeIndex`` of a type the scanner did not look for among its names.
    static let notMatched: Int32 = -2
    /// ``typeIndex`` of a type the scanner found among none of its names.
    static let noneOfTheNames: Int32 = -1
}

/// One reward the referrer was granted before.
struct PastRewardFact: BitwiseCopyable {
    var referralID: TextRef
    var amount: Int64
    var currency: TextRef
    var kind: RewardKind
    var grantedAt: Instant
}

/// One of the referrer's other referrals that qualified, as the platform recorded it.
struct QualifiedReferralFact: BitwiseCopyable {
    var referralID: TextRef
    var type: TextRef
    var qualifiedAt: Instant
}

/// The facts with their texts reachable: what the evaluator decides from. Valid only inside
/// ``SnapshotFacts/withView(input:_:)``.
struct FactsView {
    let head: SnapshotHead
    let input: UnsafeBufferPointer<UInt8>
    let arena: UnsafeBufferPointer<UInt8>
    let events: UnsafeBufferPointer<EventFact>
    let attributes: UnsafeBufferPointer<AttributeFact>
    let flags: UnsafeBufferPointer<TextRef>
    let rewards: UnsafeBufferPointer<PastRewardFact>
    let referrals: UnsafeBufferPointer<QualifiedReferralFact>

    @inline(__always) func bytes(_ t: TextRef) -> UnsafeBufferPointer<UInt8> {
        let base = t.inArena ? arena : input
        let start = Int(t.start), count = max(0, Int(t.count))
        precondition(start >= 0 && start + count <= base.count, "text out of range")
        return UnsafeBufferPointer(rebasing: base[start..<(start + count)])
    }

    func string(_ t: TextRef) -> String? {
        t.isMissing ? nil : String(decoding: bytes(t), as: UTF8.self)
    }
}

extension SnapshotFacts {
    /// Runs `body` with the facts' arrays and texts reachable through plain buffers.
    func withView<R>(input: UnsafeBufferPointer<UInt8>, _ body: (FactsView) throws(EvaluationError) -> R) throws(EvaluationError) -> R {
        var result: R?
        var failure: EvaluationError?
        arena.withUnsafeBufferPointer { arena in
            events.withUnsafeBufferPointer { events in
                attributes.withUnsafeBufferPointer { attributes in
                    flags.withUnsafeBufferPointer { flags in
                        rewards.withUnsafeBufferPointer { rewards in
                            referrals.withUnsafeBufferPointer { referrals in
                                let view = FactsView(head: head, input: input, arena: arena, events: events,
                                                     attributes: attributes, flags: flags, rewards: rewards, referrals: referrals)
                                do throws(EvaluationError) { result = try body(view) } catch { failure = error }
                            }
                        }
                    }
                }
            }
        }
        if let failure { throw failure }
        guard let result else { preconditionFailure("the body ran without a result or an error") }  // safe: the closure sets one
        return result
    }
}
