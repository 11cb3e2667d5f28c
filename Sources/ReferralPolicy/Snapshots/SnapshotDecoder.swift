/// Reads a snapshot from its JSON wire form, with an error that names the path of what is wrong.
///
/// A hand-written, single-pass reader over the input bytes: no Foundation, no intermediate
/// JSON tree, and no allocation beyond the strings, arrays and dictionaries the ``Snapshot``
/// itself holds. It reads the snapshot's fixed shape directly, so nesting never goes deeper
/// than that shape (four levels) whatever the input holds, and time is linear in the input.
///
/// - Syntax problems are ``EvaluationError/Code/invalidJSON`` with the byte offset (from 0):
///   "expected `,` or `}` at byte 120", "unexpected end of input (truncated?)".
/// - Shape problems are ``EvaluationError/Code/invalidSnapshot`` with the path of the field:
///   "invalid_snapshot at events[3].at: expected an instant like `2025-03-01T12:00:00Z`, found `2025-02-30T00:00:00Z`".
///
/// The first problem found is reported. `amount_cents` is accepted as another name for
/// `amount_minor`. The wire form is described in `docs/snapshots-and-decisions.md`.
public enum SnapshotDecoder {
    /// Decodes one JSON snapshot (a whole document, or one JSON Lines line without its newline).
    public static func decode(_ bytes: some Collection<UInt8>) throws(EvaluationError) -> Snapshot {
        try decode(bytes, flat: nil)
    }

    /// Decodes with a policy set's declared attributes, which may then also be written directly
    /// on the referrer or referee (`"referrer":{"id":"u1","top_rated":true}`), as flat exports write them.
    static func decode(_ bytes: some Collection<UInt8>, flat: FlatTables?) throws(EvaluationError) -> Snapshot {
        let result = bytes.withContiguousStorageIfAvailable { decode(buffer: $0, flat: flat) }
            ?? Array(bytes).withUnsafeBufferPointer { decode(buffer: $0, flat: flat) }
        return try result.get()
    }

    static func decode(buffer: UnsafeBufferPointer<UInt8>, flat: FlatTables? = nil) -> Result<Snapshot, EvaluationError> {
        var facts = SnapshotFacts()
        return withUnsafeMutablePointer(to: &facts) { storage in
            var scanner = SnapshotScanner(buffer, into: storage)
            scanner.flat = flat
            do throws(EvaluationError) {
                try scanner.snapshot()
                return .success(try storage.pointee.withView(input: buffer) { view throws(EvaluationError) in view.snapshot() })
            } catch {
                return .failure(error)
            }
        }
    }
}

/// Where in the snapshot an object sits, to name the path of a bad field only when one is found.
enum SnapshotContext {
    case root, referrer, referee
    case event(Int)
    case reward(Int)
    case referral(Int)

    /// The path of a field of this object: `events[3].at`.
    func path(_ field: String) -> String {
        switch self {
        case .root: field
        case .referrer: "referrer." + field
        case .referee: "referee." + field
        case .event(let i): "events[\(i)]." + field
        case .reward(let i): "referrer.rewards[\(i)]." + field
        case .referral(let i): "referrer.referrals[\(i)]." + field
        }
    }

    var isReferrer: Bool { if case .referrer = self { true } else { false } }
    var isReferee: Bool { if case .referee = self { true } else { false } }

    /// The path of the object itself.
    var path: String? {
        switch self {
        case .root: nil
        case .referrer: "referrer"
        case .referee: "referee"
        case .event(let i): "events[\(i)]"
        case .reward(let i): "referrer.rewards[\(i)]"
        case .referral(let i): "referrer.referrals[\(i)]"
        }
    }
}

/// The field names of one object of the wire form; a field's index is its bit in `seen`.
/// Names are constants in a `switch` (not an array) so matching a key costs no reference counting.
protocol WireFields {
    static var count: Int { get }
    static func name(_ index: Int) -> StaticString
    /// Another name for a field: `amount_cents` (at `from`) for `amount_minor` (at `to`).
    static var alias: (from: Int, to: Int)? { get }
    /// How many of the names (the first ones) an unknown field's error lists as expected: the
    /// fields a snapshot had before later ones joined, so the error records stay as they were.
    static var listed: Int { get }
    /// The index of the field a key of up to 16 bytes names, or -1: by its length first, then
    /// one or two word compares.
    static func index(of key: KeyWords) -> Int
    /// The usual key `"name":` at the start of two words of input: the field's index and the
    /// key's length with its quotes and colon, or `(-1, 0)` (`SnapshotScanner+UsualShapes.swift`).
    static func usualKey(_ w0: UInt64, _ w1: UInt64) -> (index: Int, length: Int)
}

extension WireFields {
    static var alias: (from: Int, to: Int)? { nil }
    static var listed: Int { count }
    static var names: [String] { (0..<count).map { "\(name($0))" } }
}

/// A field name of up to 16 bytes as two words (zero beyond its end) and its length.
struct KeyWords: BitwiseCopyable, Equatable {
    var w0: UInt64
    var w1: UInt64
    var count: Int

    /// The words of a name the scanner knows (the optimizer folds them to constants).
    @inline(__always) static func of(_ name: StaticString) -> KeyWords {
        var words: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &words) { raw in
            for j in 0..<min(16, name.utf8CodeUnitCount) { raw[j] = name.utf8Start[j] }
        }
        return KeyWords(w0: words.0, w1: words.1, count: name.utf8CodeUnitCount)
    }

    @inline(__always) func `is`(_ name: StaticString) -> Bool { self == Self.of(name) }
}

enum RootFields: WireFields {
    static func index(of k: KeyWords) -> Int {
        switch k.count {
        case 2: k.is("id") ? 0 : -1
        case 4: k.is("type") ? 1 : -1
        case 5: k.is("as_of") ? 2 : -1
        case 8: k.is("referrer") ? 3 : -1
        case 7: k.is("referee") ? 4 : -1
        case 6: k.is("events") ? 5 : -1
        default: -1
        }
    }
    static let count = 6
    static func name(_ index: Int) -> StaticString {
        switch index {
        case 0: "id"
        case 1: "type"
        case 2: "as_of"
        case 3: "referrer"
        case 4: "referee"
        default: "events"
        }
    }
}

enum ReferrerFields: WireFields {
    static func index(of k: KeyWords) -> Int {
        switch k.count {
        case 2: k.is("id") ? 0 : -1
        case 6: k.is("status") ? 1 : -1
        case 7: k.is("country") ? 2 : k.is("rewards") ? 4 : -1
        case 10: k.is("attributes") ? 3 : -1
        case 9: k.is("referrals") ? 5 : -1
        default: -1
        }
    }
    static let count = 6
    /// `referrals` (for referrer milestones) is suggested for a near miss, not listed.
    static let listed = 5
    static func name(_ index: Int) -> StaticString {
        switch index {
        case 0: "id"
        case 1: "status"
        case 2: "country"
        case 3: "attributes"
        case 4: "rewards"
        default: "referrals"
        }
    }
}

enum ReferralFields: WireFields {
    static func index(of k: KeyWords) -> Int {
        switch k.count {
        case 11: k.is("referral_id") ? 0 : -1
        case 13: k.is("referral_type") ? 1 : -1
        case 12: k.is("qualified_at") ? 2 : -1
        default: -1
        }
    }
    static let count = 3
    static func name(_ index: Int) -> StaticString {
        switch index {
        case 0: "referral_id"
        case 1: "referral_type"
        default: "qualified_at"
        }
    }
}

enum RefereeFields: WireFields {
    static func index(of k: KeyWords) -> Int {
        switch k.count {
        case 2: k.is("id") ? 0 : -1
        case 9: k.is("signup_at") ? 1 : -1
        case 11: k.is("attribution") ? 2 : -1
        case 7: k.is("country") ? 3 : -1
        case 5: k.is("flags") ? 4 : -1
        case 10: k.is("attributes") ? 5 : -1
        default: -1
        }
    }
    static let count = 6
    static func name(_ index: Int) -> StaticString {
        switch index {
        case 0: "id"
        case 1: "signup_at"
        case 2: "attribution"
        case 3: "country"
        case 4: "flags"
        default: "attributes"
        }
    }
}

enum EventFields: WireFields {
    static func index(of k: KeyWords) -> Int {
        switch k.count {
        case 4: k.is("type") ? 0 : -1
        case 2: k.is("at") ? 1 : -1
        case 12: k.is("amount_minor") ? 2 : k.is("amount_cents") ? 5 : -1
        case 8: k.is("currency") ? 3 : -1
        case 10: k.is("attributes") ? 4 : -1
        default: -1
        }
    }
    static let count = 6
    static let alias: (from: Int, to: Int)? = (5, 2)
    static func name(_ index: Int) -> StaticString {
        switch index {
        case 0: "type"
        case 1: "at"
        case 2: "amount_minor"
        case 3: "currency"
        case 4: "attributes"
        default: "amount_cents"
        }
    }
}

enum RewardFields: WireFields {
    static func index(of k: KeyWords) -> Int {
        switch k.count {
        case 11: k.is("referral_id") ? 0 : -1
        case 12: k.is("amount_minor") ? 1 : k.is("amount_cents") ? 5 : -1
        case 8: k.is("currency") ? 2 : -1
        case 4: k.is("kind") ? 3 : -1
        case 10: k.is("granted_at") ? 4 : -1
        default: -1
        }
    }
    static let count = 6
    static let alias: (from: Int, to: Int)? = (5, 1)
    static func name(_ index: Int) -> StaticString {
        switch index {
        case 0: "referral_id"
        case 1: "amount_minor"
        case 2: "currency"
        case 3: "kind"
        case 4: "granted_at"
        default: "amount_cents"
        }
    }
}

/// The attribute names a policy set declares on the referrer and on the referee: accepted
/// directly on those objects in JSON, as flat exports write them.
/// ``FlatNames``' tables as a plain value (valid while the ``FlatNames`` lives).
struct FlatTables: BitwiseCopyable {
    let referrer: NameTable
    let referee: NameTable
}

final class FlatNames: Sendable {
    let referrer: NameTable
    let referee: NameTable
    let referrerNames: [String]
    let refereeNames: [String]

    init(referrer: some Sequence<String>, referee: some Sequence<String>) {
        referrerNames = Set(referrer).sorted()
        refereeNames = Set(referee).sorted()
        self.referrer = NameTable(referrerNames)
        self.referee = NameTable(refereeNames)
    }

    /// The tables as a plain value, for the scanner.
    var tables: FlatTables { FlatTables(referrer: referrer, referee: referee) }

    deinit {
        referrer.deallocate()
        referee.deallocate()
    }
}
