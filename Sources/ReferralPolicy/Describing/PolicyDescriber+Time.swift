/// The program's time zone and durations in plain words: "in London time", "3 months".
extension PolicyDescriber {
    /// The zone every date is read in; nil is UTC.
    var zone: TimeZoneRules? { policies.first?.model.timeZone?.rules }

    /// The intro's sentence on dates and times.
    var zoneSentence: [Inline] {
        guard let zone else { return [.text("All dates and times are in UTC.")] }
        return [.text("All dates and times are in \(zone.place) time (the "), .code(zone.name),
                .text(" time zone, with its changes between winter and summer time): days, calendar months and years begin at midnight there, and a date such as a deadline is a day in \(zone.place).")]
    }

    /// What `distinct_days` counts, in words.
    var calendarDays: String {
        guard let zone else { return "UTC calendar days" }
        return "calendar days in \(zone.place) time"
    }

    /// `90 days`, `3 months`: how long a window lasts from the sign-up, when it says.
    func length(_ w: WindowModel) -> String? {
        if let c = w.calendar { return c.text }
        return w.days.map(EnglishText.days)
    }

    /// The same after "the first": `90 days`, `3 months`, but `month` and `year` for one.
    func firstLength(_ w: WindowModel) -> String? {
        if let c = w.calendar, c.count == 1 { return c.unit == .years ? "year" : "month" }
        return length(w)
    }

    /// True when a requirement's window of this length never ends after the type's, for any
    /// sign-up: days against days, months against months, and days against months by the
    /// shortest month (28 days) and the longest (31). A window without a length is within.
    static func lengthWithin(_ leaf: WindowModel, _ type: WindowModel) -> Bool {
        switch (type.days, type.calendar) {
        case (let td?, _):
            if let ld = leaf.days { return ld <= td }
            if let lc = leaf.calendar { return lc.months * 31 <= td }
            return false
        case (nil, let tc?):
            if let lc = leaf.calendar { return lc.months <= tc.months }
            if let ld = leaf.days { return ld <= tc.months * 28 }
            return false
        default:
            return true
        }
    }
}
