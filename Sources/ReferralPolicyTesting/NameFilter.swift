import ReferralPolicy

/// Case-insensitive substring or glob (`*`, `?`) match on case names, for `test --filter`.
///
/// The glob is matched without recursion or backtracking over `*`: the pattern is cut at each
/// `*` into pieces, the first piece must start the name, the last must end it, and every piece
/// between is found at its leftmost place after the one before (taking the leftmost place is
/// always right: a later place leaves less room for the pieces after it). Each piece is tried
/// at each position of the name at most once, so the time is at most the name's length times
/// the pattern's, and the memory is the two texts: a 100,000-character name is matched at once.
enum NameFilter {
    static func matches(_ name: String, pattern: String) -> Bool {
        guard pattern.contains("*") || pattern.contains("?") else {
            return name.lowercased().contains(pattern.lowercased())
        }
        return glob(Array(name.lowercased()), Array(pattern.lowercased()))
    }

    /// Whether all of `name` matches `pattern` (`*`: any run of characters, `?`: any one).
    static func glob(_ name: [Character], _ pattern: [Character]) -> Bool {
        let pieces = pattern.split(separator: "*", omittingEmptySubsequences: false).map(Array.init)
        if pieces.count == 1 { return name.count == pattern.count && fits(pieces[0], name, at: 0) }
        let head = pieces[0], tail = pieces[pieces.count - 1]
        guard head.count + tail.count <= name.count, fits(head, name, at: 0), fits(tail, name, at: name.count - tail.count) else {
            return false
        }
        var position = head.count
        let end = name.count - tail.count  // the middle pieces must fit in name[position..<end]
        for piece in pieces[1..<(pieces.count - 1)] where !piece.isEmpty {
            guard let found = leftmost(piece, in: name, from: position, to: end) else { return false }
            position = found + piece.count
        }
        return true
    }

    /// The first index `i` in `from...to - piece.count` where `piece` fits `name`.
    private static func leftmost(_ piece: [Character], in name: [Character], from: Int, to end: Int) -> Int? {
        var start = from
        while start + piece.count <= end {
            if fits(piece, name, at: start) { return start }
            start += 1
        }
        return nil
    }

    /// Whether `piece` (with `?` for any character) matches `name` at `start`.
    private static func fits(_ piece: [Character], _ name: [Character], at start: Int) -> Bool {
        guard start >= 0, start + piece.count <= name.count else { return false }
        for (offset, character) in piece.enumerated() where character != "?" && character != name[start + offset] {
            return false
        }
        return true
    }
}
