extension EnglishText {
    /// `1st`, `2nd`, `3rd`, `4th`, `11th`, `21st`, `112th`.
    static func ordinal(_ n: Int64) -> String {
        let tens = (n / 10) % 10, last = n % 10
        let suffix = tens == 1 ? "th" : last == 1 ? "st" : last == 2 ? "nd" : last == 3 ? "rd" : "th"
        return grouped(n) + suffix
    }
}
