import Testing
@testable import ReferralPolicy

/// The usual shapes of the snapshot's own members, the referrer and the referee
/// (`SnapshotScanner+UsualPeople.swift`), read what the general way reads, or leave the bytes
/// to it: each reader compared with the general one on objects of every shape near the usual
/// one and on every one-byte change of a usual object, and whole lines read by the scanner
/// compared with the general loop over the snapshot's members on every one-byte change.
@Suite struct SnapshotUsualPeopleTests {
    /// Declared flat attributes, as a policy set declares them.
    static let flat = FlatNames(referrer: ["rewards_this_year", "tier", "verified"], referee: ["segment", "rewards_this_year"])

    /// What was read: the facts the snapshot's members fill, or the error, and where it stopped.
    struct Read: Equatable {
        var texts: [String?] = []
        var instants: [Int64] = []
        var referralsGiven = false
        var referrerAttributes: [String] = []
        var refereeAttributes: [String] = []
        var flags: [String] = []
        var counts: [Int] = []
        var error: EvaluationError?
        var end: Int
    }

    static func result(_ s: SnapshotScanner, error: EvaluationError?) -> Read {
        let f = s.facts, h = f.head
        func text(_ t: TextRef) -> String? { t.isMissing ? nil : s.text(t) }
        func attributes(_ run: Span32) -> [String] {
            f.attributes[Int(run.start)..<Int(run.start + run.count)].map { a in
                let value: String
                switch a.value {
                case .text(let t): value = "text " + s.text(t)
                case .integer(let v): value = "integer \(v)"
                case .bool(let v): value = "bool \(v)"
                }
                return s.text(a.name) + " = " + value
            }
        }
        guard error == nil else { return Read(error: error, end: s.i) }
        return Read(texts: [h.id, h.type, h.referrerID, h.referrerStatus, h.referrerCountry, h.refereeID, h.attribution,
                            h.refereeCountry].map(text),
                    instants: [h.asOf.secondsSinceEpoch, h.signupAt.secondsSinceEpoch], referralsGiven: h.referralsGiven,
                    referrerAttributes: attributes(h.referrerAttributes), refereeAttributes: attributes(h.refereeAttributes),
                    flags: f.flags.map { s.text($0) },
                    counts: [f.attributes.count, f.events.count, f.rewards.count, f.referrals.count, f.arena.count],
                    error: nil, end: s.i)
    }

    enum Reader { case referrer, referee, line }

    /// Reads `bytes` with `reader`, the usual way first or the general way only; nil when the
    /// usual reader left the object alone (then nothing may have changed).
    static func read(_ bytes: [UInt8], _ reader: Reader, usual: Bool) -> Read? {
        var facts = SnapshotFacts()
        return withUnsafeMutablePointer(to: &facts) { storage in
            bytes.withUnsafeBufferPointer { buffer -> Read? in
                var s = SnapshotScanner(buffer, into: storage)
                s.flat = flat.tables
                do throws(EvaluationError) {
                    switch (reader, usual) {
                    case (.referrer, true), (.referee, true):
                        let before = result(s, error: nil)
                        guard try reader == .referrer ? s.usualReferrer() : s.usualReferee() else {
                            #expect(result(s, error: nil) == before && s.i == 0)
                            return nil
                        }
                    case (.referrer, false): try s.referrer()
                    case (.referee, false): try s.referee()
                    case (.line, true): try s.snapshot()
                    case (.line, false): try generalSnapshot(&s)
                    }
                } catch {
                    return result(s, error: error)
                }
                return result(s, error: nil)
            }
        }
    }

    /// ``SnapshotScanner/snapshot()`` with the general way for each of the snapshot's members
    /// and for the referrer and referee (events are read as the scanner reads them).
    static func generalSnapshot(_ s: inout SnapshotScanner) throws(EvaluationError) {
        s.facts.reset()
        s.skipWhitespace()
        guard s.i < s.n else { throw EvaluationError(.invalidJSON, "empty input, expected a snapshot object") }
        guard s.b[s.i] == UInt8(ascii: "{") else { throw s.typeError("a snapshot object", nil) }
        s.i += 1
        var seen: UInt32 = 0
        if try s.openObject() {
            repeat {
                switch try s.field(RootFields.self, .root, &seen) {
                case 0: s.facts.head.id = try s.string(at: "id")
                case 1: s.facts.head.type = try s.string(at: "type")
                case 2: s.facts.head.asOf = try s.instant(at: "as_of")
                case 3: try s.referrer()
                case 4: try s.referee()
                default: try s.events()
                }
            } while try s.nextMember()
        }
        if seen & 0b11111 != 0b11111 { throw s.missingRootField(seen) }
        s.skipWhitespace()
        guard s.i == s.n else { throw EvaluationError(.invalidJSON, "unexpected data after the snapshot at byte \(s.i)") }
    }

    /// What follows an object in the tests: the rest of a line (a usual key is read as two
    /// words, so the input must go on for 16 bytes after it; at its end the general way reads it).
    static func tail(_ reader: Reader) -> String { reader == .line ? "" : #","events":[]}"# }

    /// Compares the two ways on `text`; returns whether the usual reader read it.
    @discardableResult
    static func agree(_ text: String, _ reader: Reader, tail: String? = nil) -> Bool {
        let bytes = Array((text + (tail ?? Self.tail(reader))).utf8)
        let general = read(bytes, reader, usual: false)
        guard let usual = read(bytes, reader, usual: true) else { return false }
        #expect(usual == general, "\(text)")
        return true
    }

    static let referrers: [String] = [
        #"{"id":"u1581111","country":"UA","rewards_this_year":2}"#,
        #"{"id":"usr_9NJ3NPC5E8","status":"active","country":"BR","attributes":{"top_rated":false},"rewards":[]}"#,
        #"{"status":null,"country":null,"id":"u1"}"#,
        #"{"id":"","country":"UA"}"#,
        #"{"id":"a long referrer id of more than sixteen bytes","tier":"gold","verified":true,"rewards_this_year":-12}"#,
        #"{"id":"u","verified":false,"tier":"x","attributes":{"rewards_this_year":1}}"#,
        #"{"id":"u","rewards_this_year":1,"attributes":{"rewards_this_year":1}}"#,
        #"{"id":"u","attributes":{"a":"\u00e9","b":1},"rewards":[{"referral_id":"r","amount_minor":100,"currency":"USD","kind":"cash","granted_at":"2025-01-01T00:00:00Z"}]}"#,
        #"{"id":"u","rewards":[{"amount_minor":1.5}]}"#,
        #"{"id":"u","rewards":null,"referrals":null}"#,
        #"{"id":"u","referrals":[{"referral_id":"r","referral_type":"t","qualified_at":"2025-01-01T00:00:00Z"}]}"#,
        #"{"id":"u","referrals":[]}"#,
        #"{"id":"u","referrals":[{"referral_id":"r"}]}"#,
        #"{"id":"u","attributes":{"a":1,"a":2}}"#,
        #"{"id":"u","attributes":[]}"#,
        #"{"id":"u","status":"active"}"#,
        #"{"id":"u","country":"UA","status":"active"}"#,
        #"{"id":"u","status":null,"country":"BR","attributes":{},"rewards":[],"referrals":[]}"#,
        #"{"id":"u","rewards":[],"attributes":{"top_rated":true}}"#,
        #"{"country":"UA","id":"u","status":"active"}"#,
    ]

    static let generalReferrers: [String] = [
        #"{ "id":"u"}"#,
        #"{"id" :"u"}"#,
        #"{"id":"u" }"#,
        #"{"id":"u", "status":"active"}"#,
        #"{"id":"u\"v"}"#,
        #"{"id":"ué"}"#,
        #"{"id":null}"#,
        #"{"id":7}"#,
        #"{"status":"active"}"#,
        #"{}"#,
        #"[]"#,
        #"{"id":"u","id":"v"}"#,
        #"{"id":"u","status":"a","status":"b"}"#,
        #"{"id":"u","status":nul}"#,
        #"{"id":"u","status":nullx}"#,
        #"{"id":"u","country":true}"#,
        #"{"id":"u","rewards_this_year":1,"rewards_this_year":2}"#,
        #"{"id":"u","rewards_this_year":1.5}"#,
        #"{"id":"u","rewards_this_year":null}"#,
        #"{"id":"u","rewards_this_year":"a\"b"}"#,
        #"{"id":"u","rewards_this_year":truex}"#,
        #"{"id":"u","rewards_this_year":012}"#,
        #"{"id":"u","rewards_this_yeah":1}"#,
        #"{"id":"u","segment":"x"}"#,
        #"{"id":"u","rewards_this_year" :1}"#,
        #"{"id":"u","attributes":{"rewards_this_year":1},"rewards_this_year":2}"#,
        #"{"id":"u","attributes":{"a":1},"attributes":{}}"#,
        #"{"id":"u","rewards":[],"rewards":[]}"#,
        #"{"id":"u","referrals":[],"referrals":[]}"#,
        #"{"id":"u","referrals":[], "status":"a"}"#,
        #"{"id":"u","statu":"a"}"#,
        #"{"id":"u","#,
        #"{"id":"u""#,
        #"{"id":"u"#,
        #"{"id":"u","status":"a","status":"b"}"#,
        #"{"id":"u","country":"UA","country":"UA"}"#,
        #"{"id":"u","attributes":{"a":1},"attributes":{"b":2}}"#,
        #"{"id":"u","rewards":[],"rewards":[]}"#,
        #"{"id":"u" ,"status":"a"}"#,
        #"{"id":"u\u0041","status":"a"}"#,
        #"{"id":"u","status":1}"#,
        #"{"id":"u","country":"UA" }"#,
    ]

    static let referees: [String] = [
        #"{"id":"u1439239","country":"US","signup_at":"2024-06-13T23:32:18Z","attribution":"link","flags":[]}"#,
        #"{"id":"usr_ZJ69ZJBK1S","signup_at":"2025-08-24T20:36:49Z","attribution":"code","country":"DE","flags":["email_unverified"]}"#,
        #"{"signup_at":"2000-02-29T00:00:00Z","id":"","attribution":null,"country":null,"flags":null}"#,
        #"{"id":"u","signup_at":"2024-06-13T23:32:18Z","flags":["a","b","a long flag of more than sixteen bytes"],"segment":"smb"}"#,
        #"{"id":"u","signup_at":"2024-06-13T23:32:18Z","rewards_this_year":3,"segment":true,"attributes":{"k":"v"}}"#,
        #"{"id":"u","signup_at":"2024-06-13T23:32:18Z","attributes":{"segment":"x"},"flags":[]}"#,
        #"{"id":"u","signup_at":"2024-06-13T23:32:18Z","segment":"x","attributes":{"segment":"y"}}"#,
        #"{"id":"u","signup_at":"2024-06-13T23:32:18Z","attributes":{"k":"v\"w"}}"#,
        #"{"id":"u","signup_at":"2024-06-13T23:32:18Z","attributes":{"k":1.5}}"#,
        #"{"id":"u","signup_at":"2024-06-13T23:32:18Z","attributes":null}"#,
        #"{"id":"u","country":"US","signup_at":"2024-06-13T23:32:18Z","attribution":null,"flags":["a"]}"#,
        #"{"id":"u","signup_at":"2024-06-13T23:32:18Z","country":"US","attribution":"x"}"#,
        #"{"id":"u","signup_at":"2024-06-13T23:32:18Z","flags":[],"country":"US"}"#,
        #"{"id":"u","attribution":"link","signup_at":"2024-06-13T23:32:18Z"}"#,
    ]

    static let generalReferees: [String] = [
        #"{"id":"u","signup_at":"2024-06-13T23:32:18+02:00"}"#,
        #"{"id":"u","signup_at":"2024-02-30T23:32:18Z"}"#,
        #"{"id":"u","signup_at":"2024-06-13"}"#,
        #"{"id":"u","signup_at":null}"#,
        #"{"id":"u"}"#,
        #"{"signup_at":"2024-06-13T23:32:18Z"}"#,
        #"{"id":"u","signup_at":"2024-06-13T23:32:18Z","flags":[ ]}"#,
        #"{"id":"u","signup_at":"2024-06-13T23:32:18Z","flags":["a" ]}"#,
        #"{"id":"u","signup_at":"2024-06-13T23:32:18Z","flags":["a",]}"#,
        #"{"id":"u","signup_at":"2024-06-13T23:32:18Z","flags":["a\n"]}"#,
        #"{"id":"u","signup_at":"2024-06-13T23:32:18Z","flags":[1]}"#,
        #"{"id":"u","signup_at":"2024-06-13T23:32:18Z","flags":{}}"#,
        #"{"id":"u","signup_at":"2024-06-13T23:32:18Z","flags":[],"flags":["a"]}"#,
        #"{"id":"u","signup_at":"2024-06-13T23:32:18Z","flags":["a"],"flags":[]}"#,
        #"{"id":"u","signup_at":"2024-06-13T23:32:18Z","attribution":"é"}"#,
        #"{"id":"u","signup_at":"2024-06-13T23:32:18Z","segment":1,"segment":2}"#,
        #"{"id":"u","signup_at":"2024-06-13T23:32:18Z","tier":"x"}"#,
        #"{"id":"u","signup_at":"2024-06-13T23:32:18Z","flags":["a"],"attributes":{},"attributes":{}}"#,
        #"{"id":"u","signup_at":"2024-06-13T23:32:18Z","flags":["a"]"#,
        #"{"id":"u","signup_at":"2024-06-13T23:32:18Z","flags":["a""#,
        #"{"id":"u","country":"US","signup_at":"2024-06-13T23:32:18Z","country":"DE"}"#,
        #"{"id":"u","signup_at":"2024-06-13T23:32:18Z","signup_at":"2024-06-13T23:32:18Z"}"#,
        #"{"id":"u","signup_at":"2024-06-13T23:32:18Z","attribution":"a","attribution":"b"}"#,
        #"{"id":"u","country":"US","signup_at":"2024-06-13"}"#,
        #"{"id":"u","country":"US"}"#,
        #"{"id":"u","country":"US","signup_at":"2024-06-13T23:32:18Z","attribution":"link","flags":[1]}"#,
        #"{"id":"u","country":"U\u0053","signup_at":"2024-06-13T23:32:18Z"}"#,
    ]

    static let lines: [String] = [
        #"{"id":"r-000001","type":"freelancer","as_of":"2025-03-22T00:00:00Z","referrer":{"id":"u1581111","country":"UA","rewards_this_year":2},"referee":{"id":"u1439239","country":"US","signup_at":"2024-06-13T23:32:18Z","attribution":"link","flags":[]},"events":[{"type":"earned","at":"2024-06-15T11:39:54Z","amount_cents":15057}]}"#,
        #"{"id":"ref_JGPH4PQ4J1VJCB78","type":"client","as_of":"2025-10-05T11:24:54Z","referrer":{"id":"usr_9NJ3NPC5E8","status":"active","country":"BR","attributes":{"top_rated":false},"rewards":[]},"referee":{"id":"usr_ZJ69ZJBK1S","signup_at":"2025-08-24T20:36:49Z","attribution":"code","country":"DE","flags":["email_unverified"]},"events":[{"type":"hired","at":"2025-10-02T23:55:46Z"}]}"#,
        #"{"events":[],"referee":{"id":"e","signup_at":"2024-06-13T23:32:18Z"},"referrer":{"id":"u"},"as_of":"2025-03-22T00:00:00Z","type":"t","id":"i"}"#,
    ]

    /// Lines near the exporters' order (``SnapshotScanner/usualRootMembers(_:)`` reads that
    /// order straight on, then the members one by one): members swapped, left out, given twice,
    /// or not in their usual shape, at every place of the order.
    static let nearlyInOrderLines: [String] = [
        #"{"id":"i","type":"t","as_of":"2025-03-22T00:00:00Z","referee":{"id":"e","signup_at":"2024-06-13T23:32:18Z"},"referrer":{"id":"u"},"events":[]}"#,
        #"{"id":"i","as_of":"2025-03-22T00:00:00Z","type":"t","referrer":{"id":"u"},"referee":{"id":"e","signup_at":"2024-06-13T23:32:18Z"},"events":[]}"#,
        #"{"id":"i","type":"t","referrer":{"id":"u"},"as_of":"2025-03-22T00:00:00Z","referee":{"id":"e","signup_at":"2024-06-13T23:32:18Z"}}"#,
        #"{"type":"t","id":"i","as_of":"2025-03-22T00:00:00Z","referrer":{"id":"u"},"referee":{"id":"e","signup_at":"2024-06-13T23:32:18Z"}}"#,
        #"{"id":"i","type":"t","as_of":"2025-03-22T00:00:00Z","referrer":{"id":"u"},"referee":{"id":"e","signup_at":"2024-06-13T23:32:18Z"}}"#,
        #"{"id":"i","type":"t","as_of":"2025-03-22T00:00:00Z","referrer":{"id":"u"},"referee":{"id":"e","signup_at":"2024-06-13T23:32:18Z"},"events":[],"id":"j"}"#,
        #"{"id":"i","type":"t","as_of":"2025-03-22T00:00:00Z","referrer":{"id":"u"},"referee":{"id":"e","signup_at":"2024-06-13T23:32:18Z"},"events":[],"type":"t"}"#,
        #"{"id":"i","type":"t","as_of":"2025-03-22T00:00:00Z","referrer":{"id":"u"},"referee":{"id":"e","signup_at":"2024-06-13T23:32:18Z"},"events":[] }"#,
        #"{"id":"i","type":"t","as_of":"2025-03-22T00:00:00Z","referrer":{"id":"u"},"referee":{"id":"e","signup_at":"2024-06-13T23:32:18Z"},"events":null}"#,
        #"{"id":"i","type":"t","as_of":"2025-03-22T00:00:00Z","referrer":{"id":"u"},"referee":{"id":"e","signup_at":"2024-06-13T23:32:18Z"},"events":{}}"#,
        #"{"id":"iA","type":"t","as_of":"2025-03-22T00:00:00Z","referrer":{"id":"u"},"referee":{"id":"e","signup_at":"2024-06-13T23:32:18Z"}}"#,
        #"{"id":"i","type":"tA","as_of":"2025-03-22T00:00:00Z","referrer":{"id":"u"},"referee":{"id":"e","signup_at":"2024-06-13T23:32:18Z"}}"#,
        #"{"id":"i","type":"t","as_of":"2025-03-22T00:00:00+00:00","referrer":{"id":"u"},"referee":{"id":"e","signup_at":"2024-06-13T23:32:18Z"}}"#,
        #"{"id":"i","type":"t","as_of":"2025-03-22T00:00:00Z","referrer":{"id":"uA"},"referee":{"id":"e","signup_at":"2024-06-13T23:32:18Z"}}"#,
        #"{"id":"i","type":"t","as_of":"2025-03-22T00:00:00Z","referrer":{"id":"u"},"referee":{"id":"e","signup_at":"2024-06-13"}}"#,
        #"{"id":"i","type":"t","as_of":"2025-03-22T00:00:00Z","referrer":{"id":"u"},"referee":{"id":"e","signup_at":"2024-06-13T23:32:18Z"},"events":[{"type":"x"}]}"#,
        #"{"id":"i","type":"t","as_of":"2025-03-22T00:00:00Z","referrer":null,"referee":{"id":"e","signup_at":"2024-06-13T23:32:18Z"}}"#,
        #"{"id":"i","type":"t","as_of":"2025-03-22T00:00:00Z","referrer":{"id":"u"},"referee":[],"events":[]}"#,
        #"{"id":"i","type":"t","as_of":"2025-03-22T00:00:00Z","referrer":{"id":"u"},"referee":{"id":"e","signup_at":"2024-06-13T23:32:18Z"},"event":[]}"#,
        #"{"id":"i","type":"t","as_of":"2025-03-22T00:00:00Z","referrer":{"id":"u"},"refere":{"id":"e","signup_at":"2024-06-13T23:32:18Z"}}"#,
        #"{"id":"i","type":"t","as_of":"2025-03-22T00:00:00Z","referre":{"id":"u"},"referee":{"id":"e","signup_at":"2024-06-13T23:32:18Z"}}"#,
        #"{"id":"i","type":"t","as_o":"2025-03-22T00:00:00Z"}"#,
        #"{"id":"i","type":"t","as_of":"2025-03-22T00:00:00Z" ,"referrer":{"id":"u"}}"#,
        #"{"id":"i","type":"t" ,"as_of":"2025-03-22T00:00:00Z"}"#,
        #"{"id":"i"}"#,
        #"{"id":"i"  }"#,
        #"{"id":1}"#,
    ]

    static let generalLines: [String] = [
        #"{ "id":"i","type":"t","as_of":"2025-03-22T00:00:00Z","referrer":{"id":"u"},"referee":{"id":"e","signup_at":"2024-06-13T23:32:18Z"}}"#,
        #"{"id":"i" ,"type":"t","as_of":"2025-03-22T00:00:00Z","referrer":{"id":"u"},"referee":{"id":"e","signup_at":"2024-06-13T23:32:18Z"}}"#,
        #"{"id":"i","id":"j","type":"t","as_of":"2025-03-22T00:00:00Z","referrer":{"id":"u"},"referee":{"id":"e","signup_at":"2024-06-13T23:32:18Z"}}"#,
        #"{"id":"i","type":"t","as_of":"2025-03-22","referrer":{"id":"u"},"referee":{"id":"e","signup_at":"2024-06-13T23:32:18Z"}}"#,
        #"{"id":"i","type":"t","as_of":"2025-03-22T00:00:00Z","referrer": {"id":"u"},"referee":{"id":"e","signup_at":"2024-06-13T23:32:18Z"}}"#,
        #"{"id":"i","type":"t","as_of":"2025-03-22T00:00:00Z","referrer":{"id":"u"},"referrer":{"id":"u"},"referee":{"id":"e","signup_at":"2024-06-13T23:32:18Z"}}"#,
        #"{"id":"i","type":"t","as_of":"2025-03-22T00:00:00Z","referrer":{"id":"u"},"referee":{"id":"e","signup_at":"2024-06-13T23:32:18Z"},}"#,
        #"{"id":"i","type":"t","as_of":"2025-03-22T00:00:00Z","referrer":{"id":"u"}}"#,
        #"{"id":"i","type":"t","as_of":"2025-03-22T00:00:00Z","referrer":{"id":"u"},"referee":{"id":"e","signup_at":"2024-06-13T23:32:18Z"}} "#,
        #"{"id":"i","type":"t","as_of":"2025-03-22T00:00:00Z","referrer":{"id":"u"},"referee":{"id":"e","signup_at":"2024-06-13T23:32:18Z"}}x"#,
        #"{"id":"i","type":"t","as_of":"2025-03-22T00:00:00Z","referrer":{"id":"u"},"referee":{"id":"e","signup_at":"2024-06-13T23:32:18Z"}"#,
        #"{"id":"i","type":"t","as_of":"2025-03-22T00:00:00Z","referrer":{"id":"u"},"referee":{"id":"e","signup_at":"2024-06-13T23:32:18Z"},"#,
        #"{"id":"i","typ":"t"}"#,
        #"{}"#,
        #"[]"#,
        #""#,
    ]

    @Test func usualObjectsAreReadAsTheGeneralWayReadsThem() {
        for referrer in Self.referrers { #expect(Self.agree(referrer, .referrer), "\(referrer)") }
        for referee in Self.referees { #expect(Self.agree(referee, .referee), "\(referee)") }
    }

    /// Near the end of the input (fewer bytes than a word load needs), nothing is read past it,
    /// and what is read is what the general way reads.
    @Test func theEndOfTheInput() {
        for (text, reader) in [(Self.referrers[0], Reader.referrer), (Self.referrers[1], .referrer), (Self.referees[0], .referee),
                               (Self.referees[1], .referee)] {
            let whole = text + Self.tail(reader)
            for cut in 0...whole.utf8.count {
                Self.agree(String(decoding: Array(whole.utf8.prefix(cut)), as: UTF8.self), reader, tail: "")
            }
        }
    }

    @Test func everythingElseIsLeftToTheGeneralWay() {
        for referrer in Self.generalReferrers { #expect(!Self.agree(referrer, .referrer), "\(referrer)") }
        for referee in Self.generalReferees { #expect(!Self.agree(referee, .referee), "\(referee)") }
    }

    /// Whole lines: the scanner (usual members first) and the general loop agree, whether the
    /// members are usual or not.
    @Test func linesAreReadAsTheGeneralWayReadsThem() {
        for line in Self.lines + Self.generalLines + Self.nearlyInOrderLines { Self.agree(line, .line) }
        for line in Self.lines {
            for cut in 0...line.utf8.count { Self.agree(String(decoding: Array(line.utf8.prefix(cut)), as: UTF8.self), .line) }
        }
    }

    static let replacements: [UInt8] = Array(#""\{}[],:0-9e.ntaZTlfu 5"#.utf8) + [0xFF, 0xC3, 0x0A, 0x00, 0x7F]

    /// Every one-byte change of `text`: where the usual reader reads it, it reads what the general way reads.
    static func everyOneByteChange(_ text: String, _ reader: Reader) -> Int {
        let original = Array((text + tail(reader)).utf8)
        var read = 0
        for position in original.indices {
            for r in replacements where original[position] != r {
                var bytes = original
                bytes[position] = r
                let usual = Self.read(bytes, reader, usual: true)
                if reader != .line { guard usual != nil else { continue } }
                read += 1
                #expect(usual == Self.read(bytes, reader, usual: false), "byte \(position) → \(r) of \(text)")
            }
        }
        return read
    }

    @Test(arguments: referrers)
    func everyOneByteChangeOfAReferrer(_ referrer: String) {
        #expect(Self.everyOneByteChange(referrer, .referrer) > 0)
    }

    @Test(arguments: referees)
    func everyOneByteChangeOfAReferee(_ referee: String) {
        #expect(Self.everyOneByteChange(referee, .referee) > 0)
    }

    @Test(arguments: lines + [nearlyInOrderLines[0], nearlyInOrderLines[5], nearlyInOrderLines[15]])
    func everyOneByteChangeOfALine(_ line: String) {
        #expect(Self.everyOneByteChange(line, .line) > 0)
    }
}
