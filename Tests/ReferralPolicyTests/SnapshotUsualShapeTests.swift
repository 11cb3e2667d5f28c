import Testing
@testable import ReferralPolicy

/// The scanner's usual shapes (`SnapshotScanner+UsualShapes.swift`) read what the general way
/// reads, or leave the bytes to it untouched: compared one against the other on events of
/// every shape near the usual one, and on every one-byte change of a usual event.
@Suite struct SnapshotUsualShapeTests {
    /// What one reader made of an event object at the start of `bytes`: the event, or the
    /// error, and where it stopped; nil from the usual reader when it left the event alone.
    struct Read: Equatable {
        var type: String?
        var at: Int64
        var amount: Int64?
        var currency: String?
        var attributes: Int
        var error: EvaluationError?
        var end: Int
    }

    static func read(_ bytes: [UInt8], usual: Bool, matching: Bool = false) -> Read? {
        var facts = SnapshotFacts()
        return withUnsafeMutablePointer(to: &facts) { storage in read(bytes, usual: usual, matching: matching, into: storage) }
    }

    /// Event types to find an event's type among, as a set of versions declares them: short
    /// and long names, one a prefix of another, and the types of the events below.
    static let typeNames = ["earned", "spent", "posted_job", "hired", "x", "a", "", "chargeback", "earned_",
                            "fifteen_bytes__"]
    static let types = EventTypePatterns(typeNames)

    /// A type found among ``typeNames`` is that name; one found among none is none of them; a
    /// reader that was given no names, or the general way, found none.
    static func checkType(_ index: Int32, _ text: String?, matched: Bool) {
        if !matched { #expect(index == EventFact.notMatched) }
        if index >= 0 { #expect(typeNames[Int(index)] == text) }
        if index == EventFact.noneOfTheNames {
            let named = text.map { typeNames.contains($0) } ?? true
            #expect(!named)
        }
    }

    /// A scanner of `buffer`, which finds event types among ``types`` when `matching`.
    static func scanner(_ buffer: UnsafeBufferPointer<UInt8>, _ storage: UnsafeMutablePointer<SnapshotFacts>,
                        _ matching: Bool) -> SnapshotScanner {
        var scanner = SnapshotScanner(buffer, into: storage)
        if matching { scanner.eventTypes = types }
        return scanner
    }

    /// What the usual reader (`usual`, finding event types among ``types`` when `matching`) or
    /// the general way made of the event at the start of `bytes`.
    static func read(_ bytes: [UInt8], usual: Bool, matching: Bool = false,
                     into storage: UnsafeMutablePointer<SnapshotFacts>) -> Read? {
        bytes.withUnsafeBufferPointer { buffer in read(buffer, usual: usual, matching: matching, into: storage) }
    }

    static func read(_ buffer: UnsafeBufferPointer<UInt8>, usual: Bool, matching: Bool,
                     into storage: UnsafeMutablePointer<SnapshotFacts>) -> Read? {
        var reader = scanner(buffer, storage, matching)
        if usual {
            let before = reader.i
            do throws(EvaluationError) {
                guard try reader.usualEvent() else {
                    #expect(reader.i == before && reader.facts.events.isEmpty && reader.facts.arena.isEmpty
                            && reader.facts.attributes.isEmpty)
                    return nil
                }
            } catch {
                return Read(type: nil, at: 0, amount: nil, currency: nil, attributes: 0, error: error, end: reader.i)
            }
        } else {
            do throws(EvaluationError) {
                try reader.event(.event(0))
            } catch {
                return Read(type: nil, at: 0, amount: nil, currency: nil, attributes: 0, error: error, end: reader.i)
            }
        }
        let e = reader.facts.events[0]
        let type = e.type.isMissing ? nil : reader.text(e.type)
        checkType(e.typeIndex, type, matched: usual && matching)
        return Read(type: type, at: e.at.secondsSinceEpoch, amount: e.amount,
                    currency: e.currency.isMissing ? nil : reader.text(e.currency), attributes: Int(e.attributes.count),
                    error: nil, end: reader.i)
    }

    /// Checks one event; returns whether the usual reader read it.
    @discardableResult
    static func agree(_ event: String, tail: String = "]}") -> Bool {
        let bytes = Array((event + tail).utf8)
        let general = read(bytes, usual: false)
        let matched = read(bytes, usual: true, matching: true)
        guard let usual = read(bytes, usual: true) else {
            #expect(matched == nil, "\(event)")
            return false
        }
        #expect(usual == general, "\(event)")
        #expect(matched == general, "\(event), its type matched")
        return true
    }

    static let usual: [String] = [
        #"{"type":"earned","at":"2024-06-15T11:39:54Z","amount_cents":15057}"#,
        #"{"type":"earned","at":"2024-06-15T11:39:54Z","amount_minor":15057,"currency":"USD"}"#,
        #"{"currency":"EUR","amount_minor":0,"at":"2000-02-29T23:59:59Z","type":"a"}"#,
        #"{"at":"0001-01-01T00:00:00Z","type":""}"#,
        #"{"type":"a long event type name of more than sixteen bytes","at":"9999-12-31T23:59:59Z","amount_cents":-42}"#,
        #"{"type":"x","at":"2024-06-15T11:39:54Z","amount_minor":999999999999999999}"#,
        #"{"type":"x","at":"2024-06-15T11:39:54Z","amount_minor":-999999999999999999}"#,
        #"{"type":"x","at":"2024-06-15T11:39:54Z","amount_minor":-0}"#,
        #"{"type":"spent","at":"2025-09-01T11:03:04Z","amount_minor":9368,"currency":"USD","attributes":{"paid_from":"balance"}}"#,
        #"{"type":"x","attributes":{"a":1,"b":true,"c":"t\"ext","d":null},"at":"2024-06-15T11:39:54Z"}"#,
        #"{"type":"x","attributes":{ "a" : -12 , "b":false },"at":"2024-06-15T11:39:54Z"}"#,
        #"{"type":"x","attributes":{"a":1,"a":2},"at":"2024-06-15T11:39:54Z"}"#,
        #"{"type":"x","attributes":{"a":1.5},"at":"2024-06-15T11:39:54Z"}"#,
        #"{"type":"x","attributes":[],"at":"2024-06-15T11:39:54Z"}"#,
        #"{"type":"x","attributes":null,"at":"2024-06-15T11:39:54Z"}"#,
        #"{"type":"x","attributes":{"a":"\ud800"},"at":"2024-06-15T11:39:54Z"}"#,
        // As exporters write them (read straight on), every optional member present or not.
        #"{"type":"spent","at":"2025-09-01T11:03:04Z"}"#,
        #"{"type":"spent","at":"2025-09-01T11:03:04Z","amount_minor":7}"#,
        #"{"type":"spent","at":"2025-09-01T11:03:04Z","currency":"USD"}"#,
        #"{"type":"spent","at":"2025-09-01T11:03:04Z","attributes":{"paid_from":"card"}}"#,
        #"{"type":"spent","at":"2025-09-01T11:03:04Z","amount_cents":12345678,"currency":"USD"}"#,
        #"{"type":"spent","at":"2025-09-01T11:03:04Z","amount_minor":1234567,"attributes":{}}"#,
        #"{"type":"spent","at":"2025-09-01T11:03:04Z","currency":"","attributes":{"a":1}}"#,
        #"{"type":"posted_job","at":"2025-09-25T14:59:05Z","attributes":{"job_id":"job_40ZX6YE81N"}}"#,
        #"{"type":"chargeback","at":"2026-02-07T04:32:21Z","amount_minor":47865,"currency":"USD"}"#,
        #"{"type":"spent","at":"2025-09-01T11:03:04Z","amount_minor":-5,"currency":"USD","attributes":{"paid_from":"balance","n":-3}}"#,
        #"{"type":"earned_","at":"2025-09-01T11:03:04Z"}"#,
        #"{"type":"earnedX","at":"2025-09-01T11:03:04Z"}"#,
        #"{"type":"earne","at":"2025-09-01T11:03:04Z"}"#,
        #"{"type":"fifteen_bytes__","at":"2025-09-01T11:03:04Z"}"#,
        #"{"type":"fifteen_bytes___","at":"2025-09-01T11:03:04Z"}"#,
        #"{"type":"","at":"2025-09-01T11:03:04Z"}"#,
        #"{"type":"hired","at":"2025-10-02T23:55:46Z"}"#,
        // Nearly so: read by the reader of any order.
        #"{"type":"spent","at":"2025-09-01T11:03:04Z","currency":"USD","amount_minor":9368}"#,
        #"{"type":"spent","at":"2025-09-01T11:03:04Z","attributes":{"paid_from":"card"},"currency":"USD"}"#,
        #"{"type":"spent","at":"2025-09-01T11:03:04Z","attributes":{"paid_from":"card"},"amount_minor":1}"#,
        #"{"at":"2025-09-01T11:03:04Z","type":"spent","amount_minor":9368,"currency":"USD"}"#,
        #"{"type":"spent","amount_minor":9368,"at":"2025-09-01T11:03:04Z"}"#,
        #"{"type":"spent","at":"2025-09-01T11:03:04Z","amount_minor":9368,"attributes":{"k":1},"currency":"USD"}"#,
        #"{"type":"spent","at":"2025-09-01T11:03:04Z","attributes":{"k":"t\"ext"},"currency":"USD"}"#,
    ]

    static let general: [String] = [
        #"{ "type":"earned","at":"2024-06-15T11:39:54Z"}"#,
        #"{"type" :"earned","at":"2024-06-15T11:39:54Z"}"#,
        #"{"type":"earned", "at":"2024-06-15T11:39:54Z"}"#,
        #"{"type":"earned","at":"2024-06-15T11:39:54Z" }"#,
        #"{"type":"ear\"ned","at":"2024-06-15T11:39:54Z"}"#,
        #"{"type":"earné","at":"2024-06-15T11:39:54Z"}"#,
        #"{"type":"earned","at":"2024-06-15T11:39:54+02:00"}"#,
        #"{"type":"earned","at":"2024-06-15T11:39:54.5Z"}"#,
        #"{"type":"earned","at":"2024-02-30T11:39:54Z"}"#,
        #"{"type":"earned","at":"0000-01-01T00:00:00Z"}"#,
        #"{"type":"earned","at":"2024-06-15T24:00:00Z"}"#,
        #"{"type":"earned","at":"2024-06-15"}"#,
        #"{"type":"earned","at":1718451594}"#,
        #"{"type":"earned","at":"2024-06-15T11:39:54Z","amount_minor":null}"#,
        #"{"type":"earned","at":"2024-06-15T11:39:54Z","amount_minor":1.5}"#,
        #"{"type":"earned","at":"2024-06-15T11:39:54Z","amount_minor":1e3}"#,
        #"{"type":"earned","at":"2024-06-15T11:39:54Z","amount_minor":012}"#,
        #"{"type":"earned","at":"2024-06-15T11:39:54Z","amount_minor":-}"#,
        #"{"type":"earned","at":"2024-06-15T11:39:54Z","amount_minor":"12"}"#,
        #"{"type":"earned","at":"2024-06-15T11:39:54Z","amount_minor":1234567890123456789}"#,
        #"{"type":"earned","at":"2024-06-15T11:39:54Z","amount_minor":9223372036854775808}"#,
        #"{"type":"earned","at":"2024-06-15T11:39:54Z","amount_minor":1,"amount_cents":1}"#,
        #"{"type":"earned","at":"2024-06-15T11:39:54Z","amount_cents":1,"amount_cents":1}"#,
        #"{"type":"earned","type":"spent","at":"2024-06-15T11:39:54Z"}"#,
        #"{"type":"earned","at":"2024-06-15T11:39:54Z","currency":null}"#,
        #"{"type":"earned","at":"2024-06-15T11:39:54Z","currency":7}"#,
        #"{"type":"earned","at":"2024-06-15T11:39:54Z","attributes":{"k":"v"}, "currency":"USD"}"#,
        #"{"attributes":{"k":"v\u00e9"},"type":"earned","at":"2024-06-15T11:39:54Z","amount_minor":1.5}"#,
        #"{"attributes":{"k":"v"},"attributes":{},"type":"earned","at":"2024-06-15T11:39:54Z"}"#,
        #"{"type":"earned","at":"2024-06-15T11:39:54Z","amout_minor":1}"#,
        #"{"type":"earned","at":"2024-06-15T11:39:54Z","curency":"USD"}"#,
        #"{"type":"earned"}"#,
        #"{"at":"2024-06-15T11:39:54Z"}"#,
        #"{"type":null,"at":"2024-06-15T11:39:54Z"}"#,
        #"{}"#,
        #"[]"#,
        #"{"type":"earned","at":"2024-06-15T11:39:54Z","#,
        #"{"type":"earned","at":"2024-06-15T11:39:54Z""#,
        #"{"type":"spent","at":"2025-09-01T11:03:04Z","amount_minor":9368,"currency":"USD","extra":1}"#,
        #"{"type":"spent","at":"2025-09-01T11:03:04Z","amount_minor":9368,"amount_minor":1}"#,
        #"{"type":"spent","at":"2025-09-01T11:03:04Z","currency":"USD","currency":"EUR"}"#,
        #"{"type":"spent","at":"2025-09-01T11:03:04Z","amount_minors":1}"#,
        #"{"type":"spent","at":"2025-09-01T11:03:04Z","amount_minor":1 }"#,
        #"{"type":"spent","at":"2025-09-01T11:03:04Z","amount_minor":12345678901234567890}"#,
        #"{"type":"spent","at":"2025-09-01T11:03:04Z","amount_minor":00}"#,
        #"{"type":"spent","at":"2025-09-01T11:03:04Z","currency":"USD","attributes":{"a":1}, "x":1}"#,
        #"{"type":"spent","at":"2025-09-01T11:03:04Z","attributes":{"a":1},"type":"x"}"#,
        #"{"type":"spent","at":"2025-09-01T11:03:04Z","attributes":{"a":"x"},"attributes":{"a":"y"}}"#,
        #"{"type":"spent","at":"2025-09-01T11:03:04Z","attributes":{"a":1}"#,
        #"{"type":"spent","at":"2025-09-01T11:03:04Z","currency":"USD""#,
        #"{"type":"spent","at":"2025-09-01T11:03:04Z","amount_minor":5"#,
        #"{"type":"spent","at":"2025-09-01T11:03:04Z","#,
    ]

    @Test func usualEventsAreReadAsTheGeneralWayReadsThem() {
        for event in Self.usual {
            #expect(Self.agree(event), "\(event)")
            #expect(Self.agree(event, tail: "," + event + "]}"), "\(event), then more")
        }
    }

    @Test func everythingElseIsLeftToTheGeneralWay() {
        for event in Self.general {
            #expect(!Self.agree(event), "\(event)")
        }
    }

    /// Near the end of the input (fewer bytes than a word load needs), nothing is read past it.
    @Test func theEndOfTheInput() {
        let event = Self.usual[0]
        for cut in 0...event.utf8.count {
            let bytes = Array(event.utf8.prefix(cut))
            let usual = Self.read(bytes, usual: true)
            if let usual { #expect(usual == Self.read(bytes, usual: false), "cut at \(cut)") }
        }
        Self.agree(event, tail: "")
    }

    @Test(arguments: usual)
    func everyOneByteChange(_ event: String) {
        let original = Array((event + "]}").utf8)
        let replacements: [UInt8] = Array(#""\{}[],:0-9e.ntaZT 5"#.utf8) + [0xFF, 0xC3, 0x0A, 0x00, 0x7F]
        var read = 0
        for position in original.indices {
            for r in replacements where original[position] != r {
                var bytes = original
                bytes[position] = r
                let matched = Self.read(bytes, usual: true, matching: true)
                guard let usual = Self.read(bytes, usual: true) else {
                    #expect(matched == nil, "byte \(position) → \(r)")
                    continue
                }
                read += 1
                let general = Self.read(bytes, usual: false)
                #expect(usual == general, "byte \(position) → \(r)")
                #expect(matched == general, "byte \(position) → \(r), its type matched")
            }
        }
        #expect(read > 0)
    }

    /// Every field's usual key `"name":` finds it (whatever follows it, and with the input
    /// ending right after it); a key one byte off, or with a space before its colon, finds none.
    static func checkUsualKeys<F: WireFields>(_ fields: F.Type) {
        func words(_ bytes: [UInt8]) -> (UInt64, UInt64) {
            var words: (UInt64, UInt64) = (0, 0)
            withUnsafeMutableBytes(of: &words) { raw in for (j, b) in bytes.prefix(16).enumerated() { raw[j] = b } }
            return words
        }
        for k in 0..<F.count {
            let name = "\(F.name(k))"
            let key = Array("\"\(name)\":".utf8)
            for tail in ["\"value\",\"next\":1}", "1}", "{}", ""] {
                let (w0, w1) = words(key + Array(tail.utf8))
                let found = F.usualKey(w0, w1)
                #expect(found.index == k && found.length == key.count, "\(name) then \(tail)")
            }
            for position in key.indices {
                var changed = key
                changed[position] ^= 1
                let (w0, w1) = words(changed + Array("1}".utf8))
                #expect(F.usualKey(w0, w1).index == -1, "\(name) changed at \(position)")
            }
            let spaced = Array("\"\(name)\" :1}".utf8)
            let (w0, w1) = words(spaced)
            #expect(F.usualKey(w0, w1).index == -1, "\(name) with a space")
        }
    }

    @Test func usualKeys() {
        Self.checkUsualKeys(RootFields.self)
        Self.checkUsualKeys(ReferrerFields.self)
        Self.checkUsualKeys(ReferralFields.self)
        Self.checkUsualKeys(RefereeFields.self)
        Self.checkUsualKeys(EventFields.self)
        Self.checkUsualKeys(RewardFields.self)
    }
}
