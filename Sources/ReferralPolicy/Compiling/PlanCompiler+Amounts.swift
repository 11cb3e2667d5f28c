/// Amount tables: a field, the values it is compared with (text in a ``NameTable``, whole
/// numbers and true/false as numbers) and what each pays.
extension PlanCompiler {
    /// Adds `model` to the plan's amount tables; nil when its field or a key does not resolve
    /// (the checker reported it).
    mutating func amountTable(_ model: AmountTableModel) -> Int32? {
        guard let (field, kind) = field(model.field.path) else { return nil }
        let type: AttributeType
        switch kind {
        case .text: type = .text
        case .integer: type = .integer
        case .boolean: type = .boolean
        case .list: return nil
        }
        var names: Int32 = -1
        let keyStart = tableKeys.count
        switch type {
        case .text:
            names = Int32(tableNames.count)
            tableNames.append(NameTable(model.entries.map(\.key.text)))
        case .integer:
            for entry in model.entries {
                guard let v = Int64(entry.key.text) else { return nil }
                tableKeys.append(v)
            }
        case .boolean:
            for entry in model.entries { tableKeys.append(entry.key.text == "true" ? 1 : 0) }
        }
        let amountStart = tableAmounts.count
        tableAmounts += model.entries.map(\.amount.minorUnits)
        amountTables.append(Plan.AmountTable(field: field, path: string(model.field.path), keyType: type, names: names,
                                             keys: Span32(keyStart..<tableKeys.count), amounts: Span32(amountStart..<tableAmounts.count),
                                             defaultAmount: model.defaultAmount?.minorUnits))
        return Int32(amountTables.count - 1)
    }
}
