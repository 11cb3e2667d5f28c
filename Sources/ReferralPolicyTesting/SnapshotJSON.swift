import ReferralPolicy

/// Writes a snapshot given inline in a test file (YAML) as the JSON the snapshot decoder reads,
/// with two conveniences for people writing tests: amounts as decimals (`amount: 150.00`
/// becomes `amount_minor: 15000`) and plain dates (`2025-07-10` is midnight UTC). A missing
/// `id` defaults to the case's name.
struct SnapshotJSON {
    let currency: Currency
    let defaultID: String
    /// The units the policy declares, and the currency each event type's amounts are in: an
    /// event's `amount` without a `currency` is in its type's.
    var units: [Currency] = []
    var eventCurrencies: [String: Currency] = [:]
    var problems: [(String, SourceLocation)] = []
    private var out: [UInt8] = []

    init(currency: Currency, defaultID: String) {
        self.currency = currency
        self.defaultID = defaultID
    }

    static let instantKeys: Set<String> = ["as_of", "signup_at", "at", "granted_at", "qualified_at"]

    mutating func json(_ root: YNode) -> [UInt8]? {
        out = []
        write(root, key: nil, isRoot: true)
        return problems.isEmpty ? out : nil
    }

    private mutating func write(_ node: YNode, key: String?, isRoot: Bool = false) {
        switch node.kind {
        case .mapping(let pairs):
            out.append(UInt8(ascii: "{"))
            var first = true
            func comma() { if !first { out.append(UInt8(ascii: ",")) }; first = false }
            let currencyCode = pairs.first { $0.key.scalar == "currency" }?.value.scalar
            let typeName = pairs.first { $0.key.scalar == "type" }?.value.scalar
            let amountCurrency = currencyCode.flatMap { Currency.named($0, units: units) }
                ?? (isRoot ? nil : typeName.flatMap { eventCurrencies[$0] }) ?? currency
            if isRoot, !pairs.contains(where: { $0.key.scalar == "id" }) {
                comma()
                string("id"); out.append(UInt8(ascii: ":")); string(defaultID)
            }
            for (k, v) in pairs {
                let name = k.scalar ?? ""
                comma()
                if name == "amount", case .scalar(let text, _) = v.kind {
                    string("amount_minor")
                    out.append(UInt8(ascii: ":"))
                    switch Money.parseMinorUnits(text, digits: amountCurrency.minorUnitDigits) {
                    case .success(let minor): out += Array(String(minor).utf8)
                    case .failure:
                        problems.append(("`amount: \(text)` is not an exact amount of \(amountCurrency.code)", v.location))
                        out += Array("0".utf8)
                    }
                    continue
                }
                string(name)
                out.append(UInt8(ascii: ":"))
                write(v, key: name)
            }
            out.append(UInt8(ascii: "}"))
        case .sequence(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                write(item, key: nil)
            }
            out.append(UInt8(ascii: "]"))
        case .scalar(let text, let quoted):
            if let key, SnapshotJSON.instantKeys.contains(key), text.utf8.count == 10, Instant.parse(text, allowDateOnly: true) != nil {
                string(text + "T00:00:00Z")
            } else if quoted {
                string(text)
            } else if node.isNull {
                out += Array("null".utf8)
            } else if text == "true" || text == "false" {
                out += Array(text.utf8)
            } else if let i = Int64(text) {
                out += Array(String(i).utf8)
            } else {
                string(text)
            }
        }
    }

    private mutating func string(_ s: String) {
        out.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out += [92, 34]
            case 92: out += [92, 92]
            case 0..<32:
                let hex = Array("0123456789abcdef".utf8)
                out += [92, UInt8(ascii: "u"), 48, 48, hex[Int(b >> 4)], hex[Int(b & 15)]]
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Where the field at `path` (`referee.signup_at`, `events[2].amount_minor`, as the
    /// snapshot decoder names it) is written in the inline snapshot `root`: the key of the
    /// deepest part of the path that is there (`amount` for `amount_minor`), or nil when
    /// not even the first part is.
    static func location(of path: String, in root: YNode) -> SourceLocation? {
        var node = root
        var found: SourceLocation?
        for part in pathParts(path) {
            switch (part, node.kind) {
            case (.key(let name), .mapping(let pairs)):
                let names = name == "amount_minor" ? [name, "amount"] : [name]
                guard let pair = pairs.first(where: { names.contains($0.key.scalar ?? "") }) else { return found }
                found = pair.key.location
                node = pair.value
            case (.index(let i), .sequence(let items)):
                guard items.indices.contains(i) else { return found }
                found = items[i].location
                node = items[i]
            default:
                return found
            }
        }
        return found
    }

    enum PathPart: Equatable {
        case key(String)
        case index(Int)
    }

    /// `events[2].at` is `events`, `2`, `at`.
    static func pathParts(_ path: String) -> [PathPart] {
        var parts: [PathPart] = []
        var current = ""
        var scalars = path.unicodeScalars.makeIterator()
        func flush() {
            if !current.isEmpty { parts.append(.key(current)) }
            current = ""
        }
        while let c = scalars.next() {
            switch c {
            case ".": flush()
            case "[":
                flush()
                var digits = ""
                while let d = scalars.next(), d != "]" { digits.unicodeScalars.append(d) }
                if let i = Int(digits) { parts.append(.index(i)) } else { parts.append(.key(digits)) }
            default: current.unicodeScalars.append(c)
            }
        }
        flush()
        return parts
    }
}
