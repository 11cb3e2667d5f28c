/// Makes text taken from policies, paths and snapshots safe to print: every character that a
/// terminal or a CI log would act on instead of showing (line breaks, ESC, CR and the other
/// control characters, DEL, the C1 controls, line and paragraph separators, bidirectional
/// overrides) is shown escaped, Swift style (`\u{1B}`). A policy key holding a newline and
/// `::warning ...` then stays on its line and cannot become a workflow command in a CI log.
package enum TerminalText {
    /// True for a scalar that is shown escaped. Tab is kept: it is harmless and the caret under
    /// a source line relies on it.
    package static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09: false
        case 0x00..<0x20, 0x7F...0x9F: true
        case 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// `\u{1B}`.
    package static func escape(_ scalar: Unicode.Scalar) -> String {
        "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
    }

    /// The text with every unsafe character escaped; unchanged (and not copied) when it has none.
    package static func escaped<S: StringProtocol>(_ text: S) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return String(text) }
        var out = ""
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) { out += escape(scalar) } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    /// A file path as printed before `:line:col:`: as it is when it is plain, in double quotes
    /// with `"` and `\` escaped when it holds a character that needs escaping (a path with a
    /// newline must not break the line).
    package static func path(_ path: String) -> String {
        guard path.unicodeScalars.contains(where: needsEscape) else { return path }
        var out = "\""
        for scalar in path.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where needsEscape(scalar): out += escape(scalar)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
