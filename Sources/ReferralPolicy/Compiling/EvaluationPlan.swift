/// A policy version ready to decide: every name resolved to an index, every constant parsed,
/// every id qualified, all of it in tables of plain values (``PlanTable``) indexed by number.
/// Immutable, so one plan serves any number of threads; deciding reads it without reference
/// counting. Built by ``PlanCompiler`` alone; it knows nothing of JSON or of explanations.
///
/// Indexes: `types`, `rules`, `leaves`, `nodes`, `rewards`, ... are plan-wide tables, and a
/// referral type holds ``Span32``s into them. Within a type, a leaf, node or reward is named by
/// its place in the type's span ("local"), so per-decision state is indexed from 0.
final class EvaluationPlan: Sendable {
    let identity: PolicyIdentity
    let effective: EffectivePeriod
    let description: String?
    let file: String?
    let programLocation: SourceLocation
    let versionLocation: SourceLocation
    let effectiveLocation: SourceLocation
    let currency: Currency

    /// Ids, descriptions, names and constant texts, for outputs and explanations.
    let strings: [String]
    /// Currencies rewards and limits are in; 0 is the policy's.
    let currencies: [Currency]
    /// Their codes' bytes, in ``bytes``: compared with a snapshot's currencies as they stand.
    let currencyCodes: PlanTable<Span32>
    /// Their minor-unit digits.
    let currencyDigits: PlanTable<Int32>
    let typeNames: NameTable
    let eventNames: NameTable
    /// The event type names as text, in `eventNames` order.
    let eventNameList: [String]
    let eventHasAmount: PlanTable<Bool>
    /// Per event type: the currency its amounts are in (index into ``currencies``; 0 unless
    /// the event type names its own `currency`).
    let eventCurrency: PlanTable<Int32>
    /// True when some event type's amounts are not in the policy's currency: the pass reads
    /// `eventCurrency` only then.
    let eventCurrenciesVary: Bool
    /// Per event type: true when an amount in another currency than its own is left out of the
    /// measures that read it (`other_currencies: ignore`), false when it is an error record.
    let ignoresOtherCurrencies: PlanTable<Bool>
    /// True when an event of a type the policy does not declare is left out (`unknown_events:
    /// ignore`), false when it is an error record.
    let ignoresUnknownEvents: Bool
    /// The units the policy declares (`units:`), used or not: snapshots may carry past rewards
    /// in any of them.
    let declaredUnits: [Currency]
    /// Attributes declared on the referrer and the referee, and their types.
    let referrerAttributes: NameTable
    let referrerAttributeTypes: PlanTable<AttributeType>
    let refereeAttributes: NameTable
    let refereeAttributeTypes: PlanTable<AttributeType>

    /// The common eligibility rules, checked before a type's own.
    let commonRules: Span32
    let rules: PlanTable<Rule>
    let constants: PlanTable<Constant>
    /// The bytes of text constants and of attribute names filters read.
    let bytes: PlanTable<UInt8>
    /// Hashed constants of long `in:` lists (``Test/longList``).
    let longLists: PlanTable<NameTable>
    let types: PlanTable<ReferralType>
    let leaves: PlanTable<Leaf>
    let filters: PlanTable<Filter>
    let nodes: PlanTable<Node>
    /// Per type, for each event type `e`, its leaves (local indexes) are
    /// `leafLists[leafOffsets[type.leafOffsets.start + e] ..< leafOffsets[... + e + 1]]`.
    let leafOffsets: PlanTable<Int32>
    let leafLists: PlanTable<Int32>
    /// The event types of leaves that measure several (``Leaf/moreEvents``), after the first.
    let leafEvents: PlanTable<Int32>
    /// Per leaf, the names of every event type it measures (``eventNames(of:)``), made once:
    /// a ``Decision/Progress`` shares its leaf's array instead of building one.
    let leafEventNames: [[String]]
    let rewards: PlanTable<Reward>
    let tiers: PlanTable<Tier>
    let limits: PlanTable<Limit>
    let reversals: PlanTable<Reversal>
    /// Per reversal, one entry per event type: true for the types that reverse.
    let reversalMask: PlanTable<Bool>
    /// Per reversal, the reversing event types (indexes), in the order the policy lists them.
    let reversalEvents: PlanTable<Int32>
    /// Amounts looked up by a field's value (``Amount/table``, ``Tier/table``).
    let amountTables: AmountTables
    /// The milestones of every type; per reward, the milestone that pays it (-1: its type's
    /// requirements); the referral numbers of referrer milestones and the types they count.
    let milestones: PlanTable<Milestone>
    let rewardMilestones: PlanTable<Int32>
    let referralNumbers: PlanTable<ReferralNumber>
    let numberTypes: PlanTable<Int32>
    /// The program's time zone, when it is not UTC: kept alive here, read through ``zone``.
    let timeZone: TimeZoneRules?
    /// Where local days, calendar months and years are read: nil is UTC.
    let zone: ZoneView?

    init(identity: PolicyIdentity, effective: EffectivePeriod, description: String?, file: String?,
         programLocation: SourceLocation, versionLocation: SourceLocation, effectiveLocation: SourceLocation,
         currency: Currency, strings: [String], currencies: [Currency],
         typeNames: [String], eventNames: [String], eventHasAmount: [Bool],
         referrerAttributes: [(String, AttributeType)], refereeAttributes: [(String, AttributeType)],
         commonRules: Span32, rules: [Rule], constants: [Constant], bytes: [UInt8], longLists: [NameTable],
         types: [ReferralType], leaves: [Leaf], filters: [Filter], nodes: [Node], leafOffsets: [Int32], leafLists: [Int32],
         rewards: [Reward], tiers: [Tier], limits: [Limit], reversals: [Reversal], reversalMask: [Bool], reversalEvents: [Int32],
         leafEvents: [Int32] = [], amountTables: AmountTables,
         milestones: [Milestone] = [], rewardMilestones: [Int32] = [], referralNumbers: [ReferralNumber] = [], numberTypes: [Int32] = [],
         timeZone: TimeZoneRules? = nil,
         eventCurrency: [Int32] = [], ignoresOtherCurrencies: [Bool] = [], ignoresUnknownEvents: Bool = false,
         declaredUnits: [Currency] = []) {
        self.identity = identity
        self.effective = effective
        self.description = description
        self.file = file
        self.programLocation = programLocation
        self.versionLocation = versionLocation
        self.effectiveLocation = effectiveLocation
        self.currency = currency
        self.strings = strings
        self.currencies = currencies
        var bytes = bytes
        var codes: [Span32] = []
        for c in currencies {
            codes.append(Span32(bytes.count..<(bytes.count + c.code.utf8.count)))
            bytes += c.code.utf8
        }
        currencyCodes = PlanTable(codes)
        currencyDigits = PlanTable(currencies.map { Int32($0.minorUnitDigits) })
        self.typeNames = NameTable(typeNames)
        self.eventNames = NameTable(eventNames)
        self.eventNameList = eventNames
        self.eventHasAmount = PlanTable(eventHasAmount)
        self.eventCurrency = PlanTable(eventCurrency.isEmpty ? Array(repeating: 0, count: eventNames.count) : eventCurrency)
        self.eventCurrenciesVary = eventCurrency.contains { $0 != 0 }
        self.ignoresOtherCurrencies = PlanTable(ignoresOtherCurrencies.isEmpty ? Array(repeating: false, count: eventNames.count)
                                                : ignoresOtherCurrencies)
        self.ignoresUnknownEvents = ignoresUnknownEvents
        self.declaredUnits = declaredUnits
        self.referrerAttributes = NameTable(referrerAttributes.map(\.0))
        self.referrerAttributeTypes = PlanTable(referrerAttributes.map(\.1))
        self.refereeAttributes = NameTable(refereeAttributes.map(\.0))
        self.refereeAttributeTypes = PlanTable(refereeAttributes.map(\.1))
        self.commonRules = commonRules
        self.rules = PlanTable(rules)
        self.constants = PlanTable(constants)
        self.bytes = PlanTable(bytes)  // with the currency codes
        self.longLists = PlanTable(longLists)
        self.types = PlanTable(types)
        self.leaves = PlanTable(leaves)
        self.filters = PlanTable(filters)
        self.nodes = PlanTable(nodes)
        self.leafOffsets = PlanTable(leafOffsets)
        self.leafLists = PlanTable(leafLists)
        self.leafEvents = PlanTable(leafEvents)
        leafEventNames = leaves.map { leaf in
            ([leaf.event] + leafEvents[Int(leaf.moreEvents.start)..<Int(leaf.moreEvents.start + leaf.moreEvents.count)]).map { eventNames[Int($0)] }
        }
        self.rewards = PlanTable(rewards)
        self.tiers = PlanTable(tiers)
        self.limits = PlanTable(limits)
        self.reversals = PlanTable(reversals)
        self.reversalMask = PlanTable(reversalMask)
        self.reversalEvents = PlanTable(reversalEvents)
        self.amountTables = amountTables
        self.milestones = PlanTable(milestones)
        self.rewardMilestones = PlanTable(rewardMilestones)
        self.referralNumbers = PlanTable(referralNumbers)
        self.numberTypes = PlanTable(numberTypes)
        self.timeZone = timeZone
        self.zone = timeZone?.view
    }

    deinit {
        typeNames.deallocate()
        eventNames.deallocate()
        eventHasAmount.deallocate()
        eventCurrency.deallocate()
        ignoresOtherCurrencies.deallocate()
        referrerAttributes.deallocate()
        referrerAttributeTypes.deallocate()
        refereeAttributes.deallocate()
        refereeAttributeTypes.deallocate()
        rules.deallocate()
        constants.deallocate()
        bytes.deallocate()
        for list in longLists.all { list.deallocate() }
        longLists.deallocate()
        types.deallocate()
        leaves.deallocate()
        filters.deallocate()
        nodes.deallocate()
        leafOffsets.deallocate()
        leafLists.deallocate()
        leafEvents.deallocate()
        rewards.deallocate()
        tiers.deallocate()
        limits.deallocate()
        reversals.deallocate()
        reversalMask.deallocate()
        reversalEvents.deallocate()
        currencyCodes.deallocate()
        currencyDigits.deallocate()
        amountTables.deallocate()
        milestones.deallocate()
        rewardMilestones.deallocate()
        referralNumbers.deallocate()
        numberTypes.deallocate()
    }

    /// The bytes of currency `k`'s code.
    @inline(__always) func code(ofCurrency k: Int) -> UnsafeBufferPointer<UInt8> {
        bytes.buffer(currencyCodes[k])
    }

    /// The currency a leaf's amounts are in: its event type's (for progress, explanations and
    /// the amounts a percent or a tier is measured on).
    func currency(ofLeaf leaf: Leaf) -> Currency {
        currencies[Int(eventCurrency[Int(leaf.event)])]
    }

    /// A string of ``strings``; -1 is no string.
    func string(_ index: Int32) -> String? {
        index < 0 ? nil : strings[Int(index)]
    }

    func name(ofType k: Int) -> String { strings[Int(types[k].name)] }

    /// Every event type a leaf measures, in the order the policy lists them.
    func events(of leaf: Leaf) -> [Int32] {
        [leaf.event] + leafEvents.buffer(leaf.moreEvents)
    }

    /// Their names.
    func eventNames(of leaf: Leaf) -> [String] {
        events(of: leaf).map { eventNameList[Int($0)] }
    }

}
