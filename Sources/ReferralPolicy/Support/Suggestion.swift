/// "Did you mean" suggestions for misspelt keys and names.
package enum Suggestion {
    /// The candidate closest to `word` by edit distance, when it is close enough to be a typo.
    static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
        // No name is this long: a word past it is no typo, and comparing it would cost its length squared.
        guard word.utf8.count <= 64 else { return nil }
        let lowered = word.lowercased()
        var best: (String, Int)?
        for candidate in candidates {
            let d = distance(lowered, candidate.lowercased())
            if d < (best?.1 ?? Int.max) { best = (candidate, d) }
        }
        guard let (name, d) = best else { return nil }
        let allowed = max(1, min(3, (max(word.count, name.count) + 1) / 3))
        if d <= allowed { return name }
        // A longer or shorter spelling of the same name: `not_sanctioned_country` for `not_sanctioned`.
        let containing = candidates.filter { c in
            let lc = c.lowercased()
            return min(lc.count, lowered.count) >= 4 && (lc.contains(lowered) || lowered.contains(lc))
        }
        return containing.min { abs($0.count - word.count) < abs($1.count - word.count) }
    }

    /// The help line for an unknown name: "did you mean `window`?" or the list of valid names.
    package static func help(for word: String, among candidates: [String], listUpTo limit: Int = 8) -> String? {
        if let near = closest(to: word, among: candidates) { return "did you mean `\(near)`?" }
        guard !candidates.isEmpty else { return nil }
        if candidates.count <= limit {
            return "expected one of " + candidates.map { "`\($0)`" }.joined(separator: ", ")
        }
        return nil
    }

    /// Levenshtein distance with adjacent transposition counted as one edit.
    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var prev2 = [Int](repeating: 0, count: y.count + 1)
        var prev = Array(0...y.count)
        var cur = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            cur[0] = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    cur[j] = min(cur[j], prev2[j - 2] + 1)
                }
            }
            (prev2, prev, cur) = (prev, cur, prev2)
        }
        return prev[y.count]
    }
}
