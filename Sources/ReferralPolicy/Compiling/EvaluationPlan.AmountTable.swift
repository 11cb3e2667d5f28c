extension EvaluationPlan {
    /// An amount looked up by the value of a field of the referrer or the referee
    /// (`amount: { by: referee.city, table: { … }, default: … }`): the values listed, what each
    /// pays, and what any other value (or none) pays.
    struct AmountTable: BitwiseCopyable, Sendable {
        var field: Field
        /// The field's path, `referee.city`, in ``EvaluationPlan/strings``, for explanations.
        var path: Int32
        var keyType: AttributeType
        /// For text keys: the ``AmountTables/names`` entry holding them, in table order; else -1.
        var names: Int32
        /// For whole-number and true/false keys (1 and 0): the keys in ``AmountTables/keys``.
        var keys: Span32
        /// What each key pays, in table order, in ``AmountTables/amounts``.
        var amounts: Span32
        /// What a value the table does not list, or a missing value, pays; nil: nothing.
        var defaultAmount: Int64?
    }

    /// Every amount table of a plan, in plain tables (freed with the plan).
    struct AmountTables: Sendable {
        let tables: PlanTable<AmountTable>
        let names: PlanTable<NameTable>
        let keys: PlanTable<Int64>
        let amounts: PlanTable<Int64>

        init(tables: [AmountTable], names: [NameTable], keys: [Int64], amounts: [Int64]) {
            self.tables = PlanTable(tables)
            self.names = PlanTable(names)
            self.keys = PlanTable(keys)
            self.amounts = PlanTable(amounts)
        }

        /// The text of key `entry` of table `t` (for explanations and outlines).
        func key(_ t: AmountTable, _ entry: Int) -> String {
            if t.names >= 0 { return String(decoding: names[t.names].bytes(entry), as: UTF8.self) }
            let v = keys[Int(t.keys.start) + entry]
            return t.keyType == .boolean ? (v != 0 ? "true" : "false") : String(v)
        }

        func deallocate() {
            for table in names.all { table.deallocate() }
            names.deallocate()
            tables.deallocate()
            keys.deallocate()
            amounts.deallocate()
        }
    }
}
