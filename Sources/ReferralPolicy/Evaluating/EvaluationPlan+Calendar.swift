/// Durations and days as the evaluator reads them: whole days of exactly 24 hours, or calendar
/// months in the program's time zone (``EvaluationPlan/zone``; UTC when it is nil). A plan
/// with neither months nor a zone takes the same steps as before either existed.
extension EvaluationPlan {
    /// `at` moved by `days` days, or by `months` calendar months when `months` is not 0; nil
    /// when the result leaves 0001...9999.
    @inline(__always) func later(_ at: Instant, days: Int64, months: Int32) -> Instant? {
        Self.later(at, days: days, months: months, zone)
    }

    /// The same in `zone`, the plan's, read once by a caller that moves several instants (a
    /// call on the plan itself, held unretained by the evaluator, retains and releases it).
    @inline(__always) static func later(_ at: Instant, days: Int64, months: Int32, _ zone: ZoneView?) -> Instant? {
        months == 0 ? at.adding(days: days) : ZonedCalendar.adding(months: Int64(months), to: at, zone)
    }
}
