import Foundation

/// The two clean-ups the parser makes of a scalar's text before reading a number from it,
/// answered without Foundation's search in the usual case (a plain number, no blank at either
/// end, no `_`): each gives exactly what the Foundation call it stands for gives.
extension StringProtocol {
    /// `trimmingCharacters(in: .whitespaces)`. A text that is empty, or starts and ends with an
    /// ASCII character other than a space or a tab, has nothing to trim (the only ASCII
    /// characters of `.whitespaces`, Unicode's Zs and the tab, are those two).
    var trimmedOfBlanks: String {
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return "" }
        if first.isASCII, last.isASCII, first != " ", first != "\t", last != " ", last != "\t" { return String(self) }
        return trimmingCharacters(in: .whitespaces)
    }

    /// `replacingOccurrences(of: "_", with: "")`: the digit separators taken out.
    var withoutUnderscores: String {
        utf8.contains(UInt8(ascii: "_")) ? replacingOccurrences(of: "_", with: "") : String(self)
    }
}
