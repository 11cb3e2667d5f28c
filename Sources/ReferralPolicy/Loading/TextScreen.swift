/// Cheap checks on the raw policy text before the YAML parser sees it: size, line length,
/// control characters, bracket nesting, tags and `%TAG` directives, and keys that are not plain
/// names (an alias `*a: …`, an explicit `? ` key, a list or mapping as a key). They keep the
/// parser's time, memory and stack bounded whatever the file holds: the YAML parser compares
/// keys to find duplicates, and comparing a key that is an alias of nested mappings expands it,
/// so such keys are refused here, before any expansion work.
///
/// One pass over the bytes; every look-ahead covers only the blanks after a token, so the whole
/// screen is linear in the size of the file.
struct TextScreen {
    let text: String
    let limits: LoadLimits
    let file: String?

    func firstProblem() -> Diagnostic? { scan().problem }

    /// The first problem, and where the aliases (`*name`) stand, in the order they are written.
    func scan() -> (problem: Diagnostic?, aliases: [SourceLocation]) {
        let count = text.utf8.count
        if count > limits.maxFileBytes {
            return (DiagnosticText.fileTooLarge(bytes: count, limit: limits.maxFileBytes).at(nil, file: file), [])
        }
        let bytes = Array(text.utf8)
        var scanner = Scanner(bytes: bytes, limits: limits)
        let problem = scanner.run().map { problem in problem.text.at(problem.location, file: file) }
        return (problem, scanner.aliases)
    }

    private struct Scanner {
        let bytes: [UInt8]
        let limits: LoadLimits
        var line = 1
        var column = 1
        var lineStart = true
        var lineBytes = 0
        var lineIndent = 0
        var depth = 0
        var quote: UInt8 = 0  // inside '…' or "…"
        var comment = false
        var previous: UInt8 = 10
        var lastToken: UInt8 = 10  // last byte that was not a blank on this line
        /// The first byte of the last word on this line, and whether that word began a node.
        var wordStart: UInt8 = 0
        var wordAtNode = false
        var inWord = false
        /// Inside a block scalar (`|`, `>`) whose parent line is indented `blockIndent`.
        var blockIndent: Int? = nil
        var blockPending = false
        /// Where each alias stands, in the order written.
        var aliases: [SourceLocation] = []

        init(bytes: [UInt8], limits: LoadLimits) {
            self.bytes = bytes
            self.limits = limits
        }

        typealias Problem = (text: DiagnosticText, location: SourceLocation?)

        private func here(_ col: Int? = nil) -> SourceLocation { SourceLocation(line: line, column: col ?? column) }

        /// True when a node may start at byte `i`: after `: `, `- `, `? `, `[`, `{`, `,`, at the start
        /// of a line, or after an anchor.
        private func atNodeStart(_ i: Int) -> Bool {
            let blankBefore = previous == 32 || previous == 9 || lineStart
            let afterIndicator = lineStart || Self.isIndicator(lastToken)
            let afterAnchor = wordStart == 38 && wordAtNode && !inWord  // `&name ` just before
            return (blankBefore || previous == 91 || previous == 123 || previous == 44) && (afterIndicator || afterAnchor)
        }

        /// `:`, `-`, `[`, `{`, `,` or `?`: a byte after which a node may start. (Compared one by one:
        /// an array literal here would be made for every byte of the file.)
        private static func isIndicator(_ b: UInt8) -> Bool {
            b == 58 || b == 45 || b == 91 || b == 123 || b == 44 || b == 63
        }

        /// The index of the first byte after the blanks from `i` (newlines too, inside brackets).
        private func skipBlanks(_ i: Int) -> Int {
            var j = i
            while j < bytes.count {
                let b = bytes[j]
                if b == 32 || b == 9 || b == 13 || (depth > 0 && b == 10) { j += 1 } else { break }
            }
            return j
        }

        /// True when byte `j` is a `:` that makes what precedes it a key.
        private func isKeyColon(_ j: Int) -> Bool {
            guard j < bytes.count, bytes[j] == 58 else { return false }
            let next = j + 1 < bytes.count ? bytes[j + 1] : 10
            return next == 32 || next == 9 || next == 10 || next == 13 || (depth > 0 && (next == 44 || next == 93 || next == 125))
        }

        mutating func run() -> Problem? {
            var start = 0
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }  // a byte-order mark is no column
            var i = start
            while i < bytes.count {
                // A run of printable ASCII (no blank) past the line's start that `token` would not
                // look at (in a comment, inside a quoted scalar before its closing quote, inside a
                // word with no case of its own): what the steps below do with each is counting it.
                while i < bytes.count, lineBytes < limits.maxLineBytes, !lineStart {
                    let b = bytes[i]
                    guard b > 32, b < 127, comment || (quote != 0 ? b != quote : inWord && !Self.mayMatter(b)) else { break }
                    lineBytes += 1
                    advance(b)
                    i += 1
                }
                guard i < bytes.count else { break }
                let byte = bytes[i]
                defer { i += 1 }
                if byte == 10 {
                    if blockPending { blockIndent = lineIndent; blockPending = false }
                    line += 1; column = 1; lineBytes = 0; comment = false; lineStart = true; previous = byte; lastToken = 10
                    lineIndent = 0; inWord = false; wordStart = 0; wordAtNode = false
                    continue
                }
                lineBytes += 1
                if lineBytes > limits.maxLineBytes {
                    return (DiagnosticText.lineTooLong(line: line, limit: limits.maxLineBytes), here(1))
                }
                if byte < 32, byte != 9, byte != 13 {
                    let name = byte == 0 ? "a NUL byte" : "control character U+\(format4(byte))"
                    return (DiagnosticText.controlCharacter(name), here())
                }
                let c1 = previous == 0xC2 && byte >= 0x80 && byte <= 0x9F  // U+0080...U+009F
                if byte == 0x7F || c1 {
                    let code = byte == 0x7F ? "007F" : "00" + String(byte, radix: 16, uppercase: true)
                    return (DiagnosticText.c1ControlCharacter(code), here(byte == 0x7F ? column : column - 1))
                }
                if lineStart, byte == 32 { lineIndent += 1 }
                // Lines of a block scalar are text: nothing on them is YAML syntax.
                if let indent = blockIndent {
                    if lineStart, byte == 32 || byte == 9 || byte == 13 { advance(byte); continue }
                    if lineStart, lineIndent > indent {
                        comment = true  // the rest of the line is text
                    } else if lineStart {
                        blockIndent = nil
                    }
                }
                // Inside a quoted scalar, any byte but its closing quote, and inside a word, any byte
                // `token` has no case for, change nothing it keeps: no call for them.
                if !comment, quote != 0 ? byte == quote : !inWord || Self.mayMatter(byte),
                   let problem = token(byte, at: i) { return problem }
                advance(byte)
            }
            return nil
        }

        private mutating func advance(_ byte: UInt8) {
            if byte != 32, byte != 9, byte != 13 { lineStart = false }
            if byte != 32, byte != 9 { lastToken = byte }
            previous = byte
            if byte & 0xC0 != 0x80 { column += 1 }
        }

        /// Checks one byte outside comments and block scalars.
        private mutating func token(_ byte: UInt8, at i: Int) -> Problem? {
            if quote != 0 {
                if byte == quote { quote = 0 }
                return nil
            }
            let blank = byte == 32 || byte == 9 || byte == 13
            if blank { inWord = false; return nil }
            let nodeStart = atNodeStart(i)
            if !inWord {
                inWord = true
                wordStart = byte
                wordAtNode = nodeStart
            }
            switch byte {
            case 35 where previous == 32 || previous == 9 || lineStart:  // #
                comment = true
            case 34, 39:
                if depth > 0 || ((previous == 32 || lineStart) && (lineStart || lastToken == 58 || lastToken == 45 || lastToken == 63)) { quote = byte }
            case 33 where nodeStart:  // !
                return (DiagnosticText.tag, here())
            case 37 where column == 1 && depth == 0:  // % at the start of a line: a directive
                if bytes[i...].starts(with: Array("%TAG".utf8)) { return (DiagnosticText.tagDirective, here()) }
            case 42 where nodeStart:  // *alias
                aliases.append(here())
                var j = i + 1
                while j < bytes.count, !isBreak(bytes[j]) { j += 1 }
                if isKeyColon(skipBlanks(j)) {
                    return (DiagnosticText.aliasAsKey(String(decoding: bytes[(i + 1)..<j], as: UTF8.self)), here())
                }
            case 63 where nodeStart:  // ? followed by a blank: an explicit key
                let next = i + 1 < bytes.count ? bytes[i + 1] : 10
                if next == 32 || next == 9 || next == 10 || next == 13 { return (DiagnosticText.explicitKey, here()) }
            case 124, 62:  // | or >: a block scalar starts on the next line
                guard nodeStart, depth == 0 else { break }
                var j = i + 1
                while j < bytes.count, bytes[j] == 43 || bytes[j] == 45 || (48...57).contains(bytes[j]) { j += 1 }
                let k = skipBlanks(j)
                if k >= bytes.count || bytes[k] == 10 || (bytes[k] == 35 && k > j) { blockPending = true }
            case 91, 123:  // [ {
                depth += 1
                if depth > limits.maxDepth { return (DiagnosticText.nestsTooDeep(limit: limits.maxDepth, flow: true), here()) }
            case 93, 125:  // ] }
                guard depth > 0 else { break }
                depth -= 1
                if isKeyColon(skipBlanks(i + 1)) { return (DiagnosticText.collectionAsKey, openerLocation(closing: i)) }
            default:
                break
            }
            return nil
        }

        /// A blank or a byte `token` has a case for: `#`, quotes, `!`, `%`, `*`, `?`, `|`, `>`, brackets.
        @inline(__always)
        private static func mayMatter(_ b: UInt8) -> Bool {
            switch b {
            case 32, 9, 13, 35, 34, 39, 33, 37, 42, 63, 124, 62, 91, 123, 93, 125: return true
            default: return false
            }
        }

        private func isBreak(_ b: UInt8) -> Bool {
            b == 32 || b == 9 || b == 10 || b == 13 || b == 44 || b == 91 || b == 93 || b == 123 || b == 125
        }

        /// Where the bracket closed at `closing` opened (scanning back over at most this line and
        /// the lines of its brackets).
        private func openerLocation(closing: Int) -> SourceLocation {
            var level = 0
            var j = closing
            while j >= 0 {
                let b = bytes[j]
                if b == 93 || b == 125 { level += 1 }
                if b == 91 || b == 123 {
                    level -= 1
                    if level == 0 { break }
                }
                j -= 1
            }
            guard j >= 0 else { return here() }
            var lineNumber = 1, lineStartIndex = 0
            // Count lines up to j: the opener is at most a few lines back, so count back from here.
            var back = closing
            lineNumber = line
            while back > j { if bytes[back] == 10 { lineNumber -= 1 }; back -= 1 }
            var s = j
            while s > 0, bytes[s - 1] != 10 { s -= 1 }
            lineStartIndex = s
            let col = bytes[lineStartIndex..<j].reduce(1) { $1 & 0xC0 != 0x80 ? $0 + 1 : $0 }
            return SourceLocation(line: lineNumber, column: col)
        }

        private func format4(_ byte: UInt8) -> String {
            let hex = String(byte, radix: 16, uppercase: true)
            return String(repeating: "0", count: 4 - hex.count) + hex
        }
    }
}
