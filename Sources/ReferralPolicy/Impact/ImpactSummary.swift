/// What a policy change does to a history of referrals, added up: how many records, how
/// many changed, how many one side or the other could not decide, the status transitions,
/// payouts before and after (per currency, kind and beneficiary, and per referral type), the
/// distribution of per-referral change, the referrers most affected, and a few examples of
/// each kind of change.
///
/// Memory does not grow with the number of records: counts and sums, a bounded table of
/// referrers, a few examples. Summaries of partitions of one history add up with ``merge(_:)``.
package struct ImpactSummary: Sendable, Hashable {
    /// Payouts before and after in one currency, kind and beneficiary.
    package struct Payout: Sendable, Hashable {
        package var currency: String
        package var kind: String
        package var beneficiary: String
        package var baseMinor: Int64
        package var newMinor: Int64
        package var deltaMinor: Int64 { newMinor &- baseMinor }

        package init(currency: String, kind: String, beneficiary: String, baseMinor: Int64, newMinor: Int64) {
            self.currency = currency
            self.kind = kind
            self.beneficiary = beneficiary
            self.baseMinor = baseMinor
            self.newMinor = newMinor
        }
    }

    /// How many records went from one status (or `error`) to another; `changed` of them
    /// changed (a same-status pair counts those whose rewards differ).
    package struct Transition: Sendable, Hashable {
        package var from: String
        package var to: String
        package var count: Int
        package var changed: Int

        package init(from: String, to: String, count: Int, changed: Int) {
            self.from = from
            self.to = to
            self.count = count
            self.changed = changed
        }
    }

    /// The impact on one referral type.
    package struct TypeImpact: Sendable, Hashable {
        /// The referral type; `(undecided)` for records neither side could decide.
        package var type: String
        package var records: Int
        package var changed: Int
        package var undecided: Int
        package var payouts: [Payout]

        package init(type: String, records: Int = 0, changed: Int = 0, undecided: Int = 0, payouts: [Payout] = []) {
            self.type = type
            self.records = records
            self.changed = changed
            self.undecided = undecided
            self.payouts = payouts
        }
    }

    /// One referrer's changed referrals and what they are paid (all beneficiaries, in the
    /// report's currency) before and after.
    package struct ReferrerImpact: Sendable, Hashable {
        package var referrer: String
        package var changed: Int
        package var baseMinor: Int64
        package var newMinor: Int64
        package var deltaMinor: Int64 { newMinor &- baseMinor }

        package init(referrer: String, changed: Int, baseMinor: Int64, newMinor: Int64) {
            self.referrer = referrer
            self.changed = changed
            self.baseMinor = baseMinor
            self.newMinor = newMinor
        }
    }

    /// Changed referrals whose payout change (in the report's currency) falls in one range.
    /// Positive ranges are `(low, high]`, negative ones `[low, high)`; `0...0` is no money change.
    package struct Bucket: Sendable, Hashable {
        package var lowMinor: Int64
        package var highMinor: Int64
        package var count: Int

        package init(lowMinor: Int64, highMinor: Int64, count: Int) {
            self.lowMinor = lowMinor
            self.highMinor = highMinor
            self.count = count
        }
    }

    /// A few referrals of one kind of change.
    package struct Examples: Sendable, Hashable {
        package var from: String
        package var to: String
        package var referrals: [ChangedReferral]

        package init(from: String, to: String, referrals: [ChangedReferral]) {
            self.from = from
            self.to = to
            self.referrals = referrals
        }
    }

    struct PairKey: Hashable, Sendable {
        var from: String
        var to: String
    }

    struct PayoutKey: Hashable, Sendable, Comparable {
        var currency: String
        var kind: String
        var beneficiary: String

        static func < (a: PayoutKey, b: PayoutKey) -> Bool {
            (a.currency, a.kind, a.beneficiary) < (b.currency, b.kind, b.beneficiary)
        }
    }

    struct Sums: Hashable, Sendable {
        var base: Int64 = 0
        var new: Int64 = 0
    }

    struct TypeTally: Hashable, Sendable {
        var records = 0
        var changed = 0
        var undecided = 0
        var payouts: [PayoutKey: Sums] = [:]
    }

    struct ReferrerTally: Hashable, Sendable {
        var changed = 0
        var base: Int64 = 0
        var new: Int64 = 0
        var delta: Int64 { new &- base }
    }

    /// The currency of the distribution and the referrer table (the new policy's).
    package internal(set) var currency: Currency
    /// Every input record, error records included.
    package internal(set) var records = 0
    /// Records whose status or rewards differ, or that one side decided and the other could not.
    package internal(set) var changed = 0
    /// Records at least one side could not decide.
    package internal(set) var undecided = 0
    /// Records the base could not decide.
    package internal(set) var undecidedBase = 0
    /// Records the new policy could not decide.
    package internal(set) var undecidedNew = 0
    /// False once the referrer table was cut to its bound (or merged from cut lists): then
    /// the top referrers are the largest of those kept, not necessarily of all.
    package internal(set) var referrersComplete = true
    /// A sum went past what Int64 minor units hold; sums were held at the limit.
    package internal(set) var overflowed = false

    var pairs: [PairKey: (count: Int, changed: Int)] = [:]
    var payoutSums: [PayoutKey: Sums] = [:]
    var types: [String: TypeTally] = [:]
    var referrerTallies: [String: ReferrerTally] = [:]
    var buckets: [Int: Int] = [:]
    var exampleLists: [PairKey: [ChangedReferral]] = [:]

    /// Referrers listed in ``referrers``.
    package static let topReferrers = 10
    /// Examples kept per kind of change.
    package static let examplesPerTransition = 3
    /// Referrers kept while counting; past twice this many, the table is cut to it.
    static let referrerBound = 5_000

    package init(currency: Currency) {
        self.currency = currency
    }

    package static func == (a: ImpactSummary, b: ImpactSummary) -> Bool {
        a.currency == b.currency && a.records == b.records && a.changed == b.changed && a.undecided == b.undecided
            && a.undecidedBase == b.undecidedBase && a.undecidedNew == b.undecidedNew
            && a.transitions == b.transitions && a.payouts == b.payouts && a.byType == b.byType
            && a.referrers == b.referrers && a.distribution == b.distribution && a.examples == b.examples
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(records)
        hasher.combine(changed)
    }

    // MARK: - Reading

    /// Every pair of statuses seen, most frequent first (then by name).
    package var transitions: [Transition] {
        pairs.map { Transition(from: $0.key.from, to: $0.key.to, count: $0.value.count, changed: $0.value.changed) }
            .sorted { ($1.count, $0.from, $0.to) < ($0.count, $1.from, $1.to) }
    }

    /// Payouts per currency, kind and beneficiary, sorted by those.
    package var payouts: [Payout] {
        Self.payouts(payoutSums)
    }

    /// Per referral type, sorted by type.
    package var byType: [TypeImpact] {
        types.keys.sorted().map { name in
            let t = types[name]!
            return TypeImpact(type: name, records: t.records, changed: t.changed, undecided: t.undecided,
                              payouts: Self.payouts(t.payouts))
        }
    }

    /// The referrers most affected: by the size of their payout change, then by how many of
    /// their referrals changed, then by id.
    package var referrers: [ReferrerImpact] {
        Array(rankedReferrers.prefix(Self.topReferrers))
    }

    /// The distribution of per-referral payout change over changed referrals, lowest first.
    package var distribution: [Bucket] {
        buckets.keys.sorted().map { k in
            let (low, high) = Self.bounds(ofBucket: k, digits: currency.minorUnitDigits)
            return Bucket(lowMinor: low, highMinor: high, count: buckets[k]!)
        }
    }

    /// Examples per kind of change, in the order of ``transitions``.
    package var examples: [Examples] {
        transitions.compactMap { t in
            exampleLists[PairKey(from: t.from, to: t.to)].map { Examples(from: t.from, to: t.to, referrals: $0) }
        }
    }

    /// The payout change in `currency`, all kinds and beneficiaries.
    package func delta(in currency: String) -> Int64 {
        var ignored = false
        return payoutSums.filter { $0.key.currency == currency }.reduce(Int64(0)) { Self.add($0, $1.value.new &- $1.value.base, &ignored) }
    }

    private var rankedReferrers: [ReferrerImpact] {
        referrerTallies.map { ReferrerImpact(referrer: $0.key, changed: $0.value.changed, baseMinor: $0.value.base, newMinor: $0.value.new) }
            .sorted { a, b in
                let ma = a.deltaMinor.magnitude, mb = b.deltaMinor.magnitude
                if ma != mb { return ma > mb }
                if a.changed != b.changed { return a.changed > b.changed }
                return a.referrer < b.referrer
            }
    }

    private static func payouts(_ sums: [PayoutKey: Sums]) -> [Payout] {
        sums.keys.sorted().map { k in
            Payout(currency: k.currency, kind: k.kind, beneficiary: k.beneficiary, baseMinor: sums[k]!.base, newMinor: sums[k]!.new)
        }
    }

    // MARK: - Counting

    /// Counts a changed referral's referrer and its place in the distribution: `before` and
    /// `after` are what each side pays it in the report's ``currency`` (its qualified
    /// decision's rewards in that currency, added up with ``add(_:_:_:)``).
    mutating func countChange(referrer: String, before: Int64, after: Int64) {
        buckets[Self.bucket(of: after &- before, digits: currency.minorUnitDigits), default: 0] += 1
        var t = referrerTallies[referrer] ?? ReferrerTally()
        t.changed += 1
        t.base = Self.add(t.base, before, &overflowed)
        t.new = Self.add(t.new, after, &overflowed)
        referrerTallies[referrer] = t
        if referrerTallies.count > 2 * Self.referrerBound { cutReferrers() }
    }

    /// Keeps an example of a kind of change when there are fewer than the bound of it yet.
    mutating func offerExample(_ referral: ChangedReferral) {
        let key = PairKey(from: referral.base.status, to: referral.new.status)
        var list = exampleLists[key] ?? []
        guard list.count < Self.examplesPerTransition else { return }
        list.append(referral)
        exampleLists[key] = list
    }

    /// True when a kind of change has all the examples it keeps.
    func hasAllExamples(from: String, to: String) -> Bool {
        (exampleLists[PairKey(from: from, to: to)]?.count ?? 0) >= Self.examplesPerTransition
    }

    private mutating func cutReferrers() {
        let kept = rankedReferrers.prefix(Self.referrerBound)
        referrerTallies = Dictionary(uniqueKeysWithValues: kept.map {
            ($0.referrer, ReferrerTally(changed: $0.changed, base: $0.baseMinor, new: $0.newMinor))
        })
        referrersComplete = false
    }

    // MARK: - Merging

    /// Adds `other` (another part of the same history) to this summary: counts and payouts add
    /// up, the referrer tables merge and are cut again, examples are kept in order up to the bound.
    package mutating func merge(_ other: ImpactSummary) {
        records += other.records
        changed += other.changed
        undecided += other.undecided
        undecidedBase += other.undecidedBase
        undecidedNew += other.undecidedNew
        referrersComplete = referrersComplete && other.referrersComplete
        overflowed = overflowed || other.overflowed
        for (k, v) in other.pairs {
            var p = pairs[k] ?? (0, 0)
            p.count += v.count
            p.changed += v.changed
            pairs[k] = p
        }
        Self.merge(other.payoutSums, into: &payoutSums, &overflowed)
        for (name, t) in other.types {
            var mine = types[name] ?? TypeTally()
            mine.records += t.records
            mine.changed += t.changed
            mine.undecided += t.undecided
            Self.merge(t.payouts, into: &mine.payouts, &overflowed)
            types[name] = mine
        }
        for (id, t) in other.referrerTallies {
            var mine = referrerTallies[id] ?? ReferrerTally()
            mine.changed += t.changed
            mine.base = Self.add(mine.base, t.base, &overflowed)
            mine.new = Self.add(mine.new, t.new, &overflowed)
            referrerTallies[id] = mine
        }
        if referrerTallies.count > 2 * Self.referrerBound { cutReferrers() }
        for (k, v) in other.buckets { buckets[k, default: 0] += v }
        for t in other.transitions {
            for e in other.exampleLists[PairKey(from: t.from, to: t.to)] ?? [] { offerExample(e) }
        }
    }

    /// Keeps only the referrers listed (as a summary read back from JSON has).
    mutating func keepTopReferrersOnly() {
        let top = referrers
        if referrerTallies.count > top.count { referrersComplete = false }
        referrerTallies = Dictionary(uniqueKeysWithValues: top.map {
            ($0.referrer, ReferrerTally(changed: $0.changed, base: $0.baseMinor, new: $0.newMinor))
        })
    }

    private static func merge(_ from: [PayoutKey: Sums], into: inout [PayoutKey: Sums], _ overflowed: inout Bool) {
        for (k, v) in from {
            var mine = into[k] ?? Sums()
            mine.base = add(mine.base, v.base, &overflowed)
            mine.new = add(mine.new, v.new, &overflowed)
            into[k] = mine
        }
    }

    /// `a + b`, held at the limit (and `overflowed` set) when it would not fit.
    static func add(_ a: Int64, _ b: Int64, _ overflowed: inout Bool) -> Int64 {
        let (sum, o) = a.addingReportingOverflow(b)
        guard o else { return sum }
        overflowed = true
        return b > 0 ? .max : .min
    }

    // MARK: - Distribution buckets

    /// Bucket edges in major units: 1, 2, 5, 10, 20, 50, ...; bucket k > 0 is `(edge(k-1), edge(k)]`.
    static func edge(_ k: Int, digits: Int) -> Int64 {
        guard k > 0 else { return 0 }
        let mantissa: Int64 = [1, 2, 5][(k - 1) % 3]
        var value = mantissa
        for _ in 0..<((k - 1) / 3 + digits) {
            let (m, o) = value.multipliedReportingOverflow(by: 10)
            if o { return .max }
            value = m
        }
        return value
    }

    /// The bucket of a change of `delta` minor units: 0 for none, k or -k for the k-th range up or down.
    static func bucket(of delta: Int64, digits: Int) -> Int {
        if delta == 0 { return 0 }
        let magnitude = delta == .min ? Int64.max : abs(delta)
        var k = 1
        while k < 60, edge(k, digits: digits) < magnitude { k += 1 }
        return delta > 0 ? k : -k
    }

    static func bounds(ofBucket k: Int, digits: Int) -> (Int64, Int64) {
        if k == 0 { return (0, 0) }
        let lower = edge(abs(k) - 1, digits: digits), upper = edge(abs(k), digits: digits)
        return k > 0 ? (lower, upper) : (-upper, -lower)
    }

    /// The bucket whose bounds are these, for reading a summary back.
    static func bucket(low: Int64, high: Int64, digits: Int) -> Int? {
        if low == 0, high == 0 { return 0 }
        let k = bucket(of: high > 0 ? high : low, digits: digits)
        return bounds(ofBucket: k, digits: digits) == (low, high) ? k : nil
    }
}
