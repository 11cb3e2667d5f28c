/// Builds the plain-English ``DescriptionDocument`` of a program's versions from their parsed
/// rules (``PolicyModel``): the program, then each version's period, eligibility, referral
/// types (requirements, rewards, reversal) and limits.
struct PolicyDescriber {
    typealias Inline = DescriptionDocument.Inline
    typealias Item = DescriptionDocument.Item

    let policies: [Policy]
    var blocks: [DescriptionDocument.Block] = []

    init(policies: [Policy]) {
        self.policies = policies
    }

    func document() -> DescriptionDocument {
        var builder = self
        builder.build()
        let program = policies.first?.model.program ?? ""
        return DescriptionDocument(title: "Referral program: \(program)", blocks: builder.blocks)
    }

    private mutating func build() {
        guard let first = policies.first?.model else { return }
        blocks.append(.heading(level: 1, [.text("Referral program: "), .code(first.program)]))
        var intro: [Inline] = [.text("What the rules of this program say, in plain English. The ")]
        intro += [.emphasis("referrer"), .text(" is the person who shares their link or code; the "), .emphasis("referee"),
                  .text(" is the person who signs up through it. ")] + zoneSentence
        intro += [.text(" Names like "), .code(sampleID(first)), .text(" are the rules' ids, as decisions name them.")]
        blocks.append(.paragraph(intro))
        blocks.append(.paragraph(versionsSentence(first)))
        if policies.contains(where: hasAuthorText) {
            blocks.append(.paragraph([.text("Notes marked “Author's note” repeat descriptions written in the policy, for context; the rules themselves are what decide.")]))
        }
        for policy in policies { version(policy.model) }
    }

    private func hasAuthorText(_ policy: Policy) -> Bool {
        let m = policy.model
        return m.description != nil || m.events.contains { $0.description != nil } || m.eligibility.contains { $0.description != nil } || m.limits.contains { $0.description != nil }
            || m.types.contains { t in
                t.description != nil || t.eligibility.contains { $0.description != nil } || t.allRewards.contains { $0.reward.description != nil }
                    || t.requirements.contains(where: PolicyDescriber.hasDescription)
                    || t.milestones.contains { $0.description != nil || $0.inlineRequirements.contains(where: PolicyDescriber.hasDescription) }
            }
    }

    private static func hasDescription(_ r: RequirementModel) -> Bool {
        if r.description != nil { return true }
        switch r.kind {
        case .all(let children), .any(let children): return children.contains(where: hasDescription)
        case .not(let child): return hasDescription(child)
        default: return false
        }
    }

    private func sampleID(_ model: PolicyModel) -> String {
        for type in model.types {
            if let r = type.requirements.first(where: { $0.id.given }) { return r.id.id }
            if let r = type.rewards.first(where: { $0.id.given }) { return r.id.id }
        }
        return model.eligibility.first(where: { $0.id.given })?.id.id ?? model.types.first.map { "\($0.name).rewards[0]" } ?? "rewards[0]"
    }

    private func versionsSentence(_ first: PolicyModel) -> [Inline] {
        let count = policies.count
        let bySignup = first.effective.basis == .refereeSignup
        let lead = count == 1 ? "The program has one version" : "The program has \(EnglishText.small(count)) versions"
        if count == 1, first.effective.from == nil, first.effective.until == nil {
            return [.text(lead + ", in force at all times.")]
        }

        var out: [Inline]
        if count == 1 {
            out = bySignup ? [.text(lead + ". Whether it applies to a referral is decided by the date the referee signed up.")]
                : [.text(lead + ". Whether it applies to a referral is decided by the date the referral is decided (the snapshot's "),
                   .code("as_of"), .text(").")]
        } else if bySignup {
            out = [.text(lead + ". Which version applies to a referral is decided by the date the referee signed up, so a referral keeps the rules it signed up under, however late it is decided.")]
        } else {
            out = [.text(lead + ". Which version applies to a referral is decided by the date it is decided (the snapshot's "), .code("as_of"),
                   .text("): the rules in force at that moment apply to every referral, whenever the referee signed up.")]
        }
        let gaps = uncovered()
        if !gaps.isEmpty {
            let who = bySignup ? "referees who signed up" : "referrals decided"
            out += [.text(" No version applies to \(who) ")] + EnglishText.join(gaps.map { [.text($0)] }, "or")
                + [.text(": such a referral is not decided.")]
        }
        return out
    }

    /// The stretches of time no version covers: before the first, between two, after the last.
    private func uncovered() -> [String] {
        let periods = policies.map(\.model.effective)
        guard !periods.isEmpty else { return [] }
        var gaps: [String] = []
        let zone = self.zone
        if let from = periods.first?.from { gaps.append("before \(EnglishText.date(from, in: zone))") }
        for (a, b) in zip(periods, periods.dropFirst()) {
            if let until = a.until, let from = b.from, until < from {
                let day = Instant.secondsPerDay
                if ZonedCalendar.local(from, zone?.view) % day == 0, ZonedCalendar.local(until, zone?.view) % day == 0 {
                    // The day before `from`, in the program's time zone.
                    let (y, m, d) = Instant.civil(fromDays: ZonedCalendar.dayNumber(from, zone?.view) - 1)
                    let last = ZonedCalendar.startOfDay(year: y, month: m, day: d, zone?.view) ?? from
                    gaps.append(last == until ? "on \(EnglishText.date(until, in: zone))"
                                : "from \(EnglishText.date(until, in: zone)) to \(EnglishText.date(last, in: zone))")
                } else {
                    gaps.append("from \(EnglishText.date(until, in: zone)) up to \(EnglishText.date(from, in: zone))")
                }
            }
        }
        if let until = periods.last?.until { gaps.append("from \(EnglishText.date(until, in: zone)) on") }
        return gaps
    }

    // MARK: - A version

    private mutating func version(_ m: PolicyModel) {
        blocks.append(.heading(level: 2, [.text("Version \(m.version)")]))
        blocks.append(.paragraph(period(m.effective)))
        if let d = m.description { blocks.append(.note(d)) }
        units(m)

        blocks.append(.heading(level: 3, [.text("Who can earn")]))
        if m.eligibility.isEmpty {
            blocks.append(.paragraph([.text("Every referral can earn: no eligibility rule applies to all referral types.")]))
        } else {
            blocks.append(.paragraph([.text("A referral earns nothing unless every one of these holds:")]))
            blocks.append(.list(m.eligibility.map { eligibilityItem($0, m) }))
        }
        let typeNames = m.types.map { [Inline.text(EnglishText.words($0.name))] }
        if m.types.count > 1 {
            blocks.append(.paragraph([.text("This version has \(EnglishText.small(m.types.count)) kinds of referral: ")] + EnglishText.join(typeNames, "and")
                                     + [.text(". Each has its own requirements and rewards.")]))
        }
        for type in m.types { referralType(type, m) }
        limits(m)
        events(m)
    }

    /// The event types, with what each carries: the words the requirements are written in.
    private mutating func events(_ m: PolicyModel) {
        guard !m.events.isEmpty else { return }
        blocks.append(.heading(level: 3, [.text("The events")]))
        blocks.append(.paragraph([.text("The platform reports what a referee does as events of these types:")]))
        blocks.append(.list(m.events.map { e in
            var text: [Inline] = [.emphasis(EnglishText.words(e.name))]
            if EnglishText.words(e.name) != e.name { text += [.text(" ("), .code(e.name), .text(")")] }
            var carries: [[Inline]] = e.hasAmount ? [[.text("an amount")]] : []
            if e.attributes.count == 1, let a = e.attributes.first {
                carries.append([.text("a "), .code(a.name), .text(" attribute")])
            } else if e.attributes.count > 1 {
                carries.append([.text("the attributes ")] + EnglishText.join(e.attributes.map { [.code($0.name)] }, "and"))
            }
            if !carries.isEmpty { text += [.text(", with ")] + EnglishText.join(carries, "and") }
            text += amountPhrase(e, m)
            return Item(text: text, note: e.description)
        }))
        leftOutEvents(m)
    }

    private func period(_ e: EffectivePeriod) -> [Inline] {
        var range: String
        switch (e.from, e.until) {
        case (let from?, let until?): range = "on or after \(EnglishText.date(from, in: zone)) and before \(EnglishText.date(until, in: zone))"
        case (let from?, nil): range = "on or after \(EnglishText.date(from, in: zone))"
        case (nil, let until?): range = "before \(EnglishText.date(until, in: zone))"
        case (nil, nil):
            return [.text(e.basis == .refereeSignup ? "This version applies to every referral, whenever the referee signed up."
                          : "This version applies to every referral, whenever it is decided.")]
        }
        if e.basis == .refereeSignup {
            return [.text("This version applies to referees who signed up \(range).")]
        }
        return [.text("This version applies to every referral decided \(range), whenever the referee signed up.")]
    }

    // MARK: - A referral type

    private mutating func referralType(_ t: ReferralTypeModel, _ m: PolicyModel) {
        blocks.append(.heading(level: 3, [.text(EnglishText.typeHeading(t.name) + " ("), .code(t.name), .text(")")]))
        if let d = t.description { blocks.append(.note(d)) }
        if !t.eligibility.isEmpty {
            blocks.append(.paragraph([.text("Only for these referrals, each of these must also hold:")]))
            blocks.append(.list(t.eligibility.map { eligibilityItem($0, m) }))
        }

        blocks.append(.heading(level: 4, [.text("What the referee must do")]))
        blocks.append(.paragraph(windowSentence(t)))
        let context = RuleContext(type: t, policy: m)
        let requirements = PolicyDescriber.flattened(t.requirements)
        if requirements.count == 1, let only = requirements.first {
            let item = requirementItem(only, inherited: t.window, stated: t.window, context)
            blocks.append(.paragraph([.text("The referee must ")] + item.text + (item.children.isEmpty ? [.text(".")] : [])))
            if let note = item.note { blocks.append(.note(note)) }
            if !item.children.isEmpty { blocks.append(.list(item.children)) }
        } else {
            blocks.append(.paragraph([.text("The referee must do all of these:")]))
            blocks.append(.list(requirements.map { requirementItem($0, inherited: t.window, stated: t.window, context) }))
        }
        if let ending = expirySentence(t) { blocks.append(.paragraph(ending)) }

        blocks.append(.heading(level: 4, [.text("What is paid")]))
        // Rewards with a `when` of their own are paid at their milestone, described below.
        let atQualifying = t.rewards.filter { $0.when == nil }
        if t.hasMilestones, atQualifying.isEmpty {
            blocks.append(.paragraph([.text("When the referee has done this, the referral qualifies; what it pays comes at the milestones below.")]))
        } else if t.rewards.isEmpty {
            blocks.append(.paragraph([.text("Nothing: this referral type has no rewards.")]))
        } else {
            blocks.append(.paragraph([.text("When the referee has done this, the referral qualifies and pays:")]))
            blocks.append(.list(atQualifying.map { rewardItem($0, context) }))
            blocks.append(.paragraph(earnedSentence(t)))
        }
        if t.hasMilestones { milestones(t, context) }

        if let r = t.reversal {
            blocks.append(.heading(level: 4, [.text("When rewards are taken back")]))
            blocks.append(.paragraph(reversalSentence(r) + (t.hasMilestones ? [.text(" A reversed referral's milestone rewards are taken back too, whenever they were earned.")] : [])))
        }
    }

    private func windowSentence(_ t: ReferralTypeModel) -> [Inline] {
        guard let w = t.window else {
            return [.text("Events count from the moment the referee signs up, with no deadline.")]
        }
        if w.anyTime { return [.text("Events count whenever they happened, even before the referee signed up.")] }
        switch (firstLength(w), w.until) {
        case (let d?, let u?):
            return [.text("Only events in the first \(d) after the referee signs up count, and none after \(EnglishText.deadline(u, in: zone)).")]
        case (let d?, nil):
            return [.text("Only events in the first \(d) after the referee signs up count.")]
        case (nil, let u?):
            return [.text("Only events from the referee's sign-up until \(EnglishText.deadline(u, in: zone)) count.")]
        default:
            return []
        }
    }

    /// When the type's window ends: what happens to a referral that has not done everything.
    private func expirySentence(_ t: ReferralTypeModel) -> [Inline]? {
        let leaves = t.requirements.flatMap { PolicyDescriber.leafWindows($0, inherited: t.window) }
        guard let w = t.window, !w.anyTime else {
            let bounded = leaves.contains { leaf in leaf.map { !$0.anyTime } ?? false }
            return bounded ? [.text("A requirement not met by the end of its own window can no longer be met, and the referral then expires.")] : nil
        }
        // Every requirement's window ends no later than the type's, for any sign-up instant.
        let allWithin = leaves.allSatisfy { leaf in
            guard let lw = leaf, !lw.anyTime else { return false }
            let daysWithin = PolicyDescriber.lengthWithin(lw, w)
            let untilWithin = w.until.map { tu in lw.until.map { $0 <= tu } ?? false } ?? true
            return daysWithin && untilWithin
        }
        if allWithin {
            return [.text("A referral whose referee has not done all of this by then expires and earns nothing.")]
        }
        return [.text("When this window closes before everything is done, the referral is reported as expired; an event that still counts for a requirement with a longer window of its own can complete it later.")]
    }

    /// The requirements, with an `all` that has no id, window or description of its own
    /// replaced by what it lists: all of them must be met either way.
    static func flattened(_ requirements: [RequirementModel]) -> [RequirementModel] {
        requirements.flatMap { r -> [RequirementModel] in
            if case .all(let children) = r.kind, !r.id.given, r.window == nil, r.description == nil { return flattened(children) }
            return [r]
        }
    }

    /// The window that applies to each `count` and `sum` under `r`.
    static func leafWindows(_ r: RequirementModel, inherited: WindowModel?) -> [WindowModel?] {
        let own = r.window ?? inherited
        switch r.kind {
        case .count, .sum: return [own]
        case .all(let children), .any(let children): return children.flatMap { leafWindows($0, inherited: own) }
        case .not(let child): return leafWindows(child, inherited: own)
        }
    }

    private func earnedSentence(_ t: ReferralTypeModel) -> [Inline] {
        var text = "A reward is earned when the referral qualifies, the moment the last requirement is met"
        let rewards = t.rewards.filter { $0.when == nil }
        let measured = rewards.contains { r in
            switch r.amount {
            case .fixed, .byField: false
            case .percent: r.taking != .first  // the first event's amount is fixed once it happened
            case .tiers: true
            }
        }
        if rewards.contains(where: { if case .tiers = $0.amount { true } else { false } }) {
            text += "; a tier above the first is earned when the total reaches it, if that is later"
        }
        text += "."
        if measured {
            text += " The total that a percentage or a tier is based on keeps counting the referee's events after the referral qualifies (while they still count), so such a reward can grow after it is first earned."
        }
        return [.text(text)]
    }

    private func reversalSentence(_ r: ReversalModel) -> [Inline] {
        let events = r.events.map { [Inline.emphasis(EnglishText.words($0.name))] }
        var out: [Inline] = [.text("If the referee has a ")] + EnglishText.join(events, "or")
        out += [.text(" event within \(EnglishText.duration(days: r.withinDays, r.withinCalendar)) after the referral qualifies, the referral is reversed and its rewards are taken back")]
        if r.id.given { out += [.text(" ("), .code(r.id.id), .text(")")] }
        out += [.text(". Such an event before the referral qualifies, or more than \(EnglishText.duration(days: r.withinDays, r.withinCalendar)) after, changes nothing.")]
        return out
    }

    // MARK: - Limits

    private mutating func limits(_ m: PolicyModel) {
        guard !m.limits.isEmpty else { return }
        blocks.append(.heading(level: 3, [.text("Limits per referrer")]))
        blocks.append(.paragraph([.text("What a referrer earns is capped, counting the rewards they have already received and the rewards of the referral being decided. Rewards to referees are never limited.")]))
        blocks.append(.list(m.limits.map { limitItem($0, m) }))
        blocks.append(.paragraph([.text("A reward that would go over a limit on the number of rewards is withheld; one that would go over a limit on the amount is reduced to what remains, possibly nothing.")]))
        if m.types.contains(where: \.hasMilestones) {
            blocks.append(.paragraph([.text("Rewards count toward these limits at the moment each is earned, those of milestones too: of two rewards of one referral, the one earned first is counted first.")]))
        }
        let foreign = m.types.flatMap { $0.allRewards.map(\.reward) }.contains { $0.to == .referrer && $0.currency != m.currency }
        if let sentence = limitCurrenciesSentence(m) {
            blocks.append(.paragraph(sentence))
        } else if foreign, m.limits.contains(where: { $0.maxAmount != nil }) {
            blocks.append(.paragraph([.text("Rewards in another currency than \(m.currency.code) count towards limits on the number of rewards, not towards limits on the amount.")]))
        }
    }
}

extension RequirementModel {
    /// A `count` or a `sum`, not a combination.
    var kindIsLeaf: Bool {
        switch kind {
        case .count, .sum: true
        default: false
        }
    }
}

/// What a rule's sentence needs from around it: its referral type and its policy.
struct RuleContext {
    let type: ReferralTypeModel
    let policy: PolicyModel
}
