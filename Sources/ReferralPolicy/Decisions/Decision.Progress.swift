extension Decision {
    /// How far one unmet requirement has come: "spent $320.00 of $500.00, 41 days left".
    public struct Progress: Sendable, Hashable {
        /// What the requirement measures.
        public enum Unit: String, Sendable, Hashable {
            /// A cumulative amount of money (`have`/`need` in minor units of `currency`).
            case money
            /// A number of events (or of distinct days with an event).
            case count
        }

        /// The requirement's id, `client.spent_enough`.
        public var requirement: String
        /// The requirement's description from the policy, when it has one.
        public var description: String?
        /// The event type counted or summed (the first listed, when the requirement lists several).
        public var eventType: String
        /// Every event type counted or summed together, in the order the policy lists them:
        /// `[eventType]` for a requirement of one type.
        public var eventTypes: [String]
        public var unit: Unit
        public var have: Int64
        public var need: Int64
        /// For money, its currency.
        public var currency: Currency?
        /// The last instant at which a qualifying event still counts; nil when there is no window.
        public var deadline: Instant?
        /// For progress toward a milestone, its id; nil for the referral type's requirements.
        public var milestone: String?
    }
}

extension Decision.Progress {
    /// A progress entry whose `eventTypes` default to `[eventType]`. Declared apart from the
    /// type, so that Swift still writes the memberwise initializer the decision pipeline uses
    /// (`Progress(requirement:description:eventType:eventTypes:unit:...)`, no copy as it is made).
    package init(requirement: String, description: String? = nil, eventType: String, unit: Unit,
                have: Int64, need: Int64, currency: Currency? = nil, deadline: Instant? = nil, eventTypes: [String]? = nil,
                milestone: String? = nil) {
        self.requirement = requirement
        self.description = description
        self.eventType = eventType
        self.eventTypes = eventTypes ?? [eventType]
        self.unit = unit
        self.have = have
        self.need = need
        self.currency = currency
        self.deadline = deadline
        self.milestone = milestone
    }
}

extension Decision {
    /// One rule checked while deciding, whether it held, and the values it saw.
    public struct Check: Sendable, Hashable {
        /// What kind of rule this is.
        public enum Kind: String, Sendable, Hashable {
            case version, eligibility, window, requirement, reversal, reward, tier, limit
            /// Events of a type the version does not declare, left out (`events.NAME`).
            case event
            /// A milestone: whether it was reached (see ``Decision/milestones``).
            case milestone
        }

        /// The rule's id.
        public var rule: String
        public var kind: Kind
        public var held: Bool
        /// For a `count` or `sum` requirement: what it reached (events, or minor units), met or not.
        public var have: Int64?
        /// For a `count` or `sum` requirement: what it needs.
        public var need: Int64?
        /// The values the rule saw, for a person: "referee.country is `US`, not in [CU, IR, KP, SY]".
        public var saw: String

        package init(rule: String, kind: Kind, held: Bool, have: Int64? = nil, need: Int64? = nil, saw: String) {
            self.rule = rule
            self.kind = kind
            self.held = held
            self.have = have
            self.need = need
            self.saw = saw
        }
    }
}
