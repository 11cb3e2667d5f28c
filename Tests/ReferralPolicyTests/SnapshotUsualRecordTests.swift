import Testing
@testable import ReferralPolicy

/// The usual shapes of a past reward, a referral and an `attributes` object
/// (`SnapshotScanner+UsualRecords.swift`) read what the general way reads, or leave the bytes
/// to it untouched: each reader is compared with the general one at the record's place inside
/// a whole snapshot line, on records of every shape near the usual one and on every one-byte
/// change of a usual record; attributes also after flat attributes already read (duplicates
/// by bytes, by escapes and by canonical equivalence).
@Suite struct SnapshotUsualRecordTests {
    enum Record {
        case reward, referral
        /// A past reward read only by the reader of the exporters' order.
        case rewardInOrder
        /// The whole `referrer.rewards` array.
        case rewards
        /// An attributes object of `ctx`, after flat attributes of these names.
        case attributes(SnapshotContext, flat: [String])
        /// An attributes object of `ctx` read by the reader of one or two members straight on,
        /// at the start of its run (`SnapshotUsualAttributeTests`).
        case attributeMembers(SnapshotContext)
    }

    /// What one reader made of the record at `offset`: every record of its kind in the facts
    /// (flat attributes included), the arena, or the error, and where it stopped.
    struct Read: Equatable {
        var records: [String]
        var arena: [UInt8]
        var error: EvaluationError?
        var end: Int
    }

    static let usualReward = #"{"referral_id":"ref_8FE36RFEQ9XZP3XV","amount_minor":10000,"currency":"USD","kind":"cash","granted_at":"2025-01-15T02:45:00Z"}"#
    static let secondReward = #"{"referral_id":"ref_HKZ2936K7NA60JFE","amount_minor":2500,"currency":"USD","kind":"credit","granted_at":"2025-01-18T11:14:38Z"}"#
    static let usualReferral = #"{"referral_id":"ref_HKZ2936K7NA60JFE","referral_type":"client","qualified_at":"2025-01-18T11:14:38Z"}"#

    /// A whole snapshot line with `record` in its place (the others usual), and the record's offset.
    /// (Without `referrals`, which the oracle predates, when `referrals` is false.)
    static func line(_ record: Record, _ text: String, referrals: Bool = true) -> (bytes: [UInt8], offset: Int) {
        var referrerAttributes = #"{"top_rated":false}"#, reward = usualReward, referral = usualReferral
        var eventAttributes = #"{"paid_from":"balance"}"#
        let marker = "\u{1}"
        var rewards: String?
        switch record {
        case .reward, .rewardInOrder: reward = marker
        case .rewards: rewards = marker
        case .referral: referral = marker
        case .attributes(.referrer, _), .attributeMembers(.referrer): referrerAttributes = marker
        case .attributes, .attributeMembers: eventAttributes = marker
        }
        let line = #"{"id":"ref_JGPH4PQ4J1VJCB78","type":"client","as_of":"2025-10-05T11:24:54Z","referrer":{"id":"usr_9NJ3NPC5E8","#
            + #""status":"active","country":"BR","attributes":"# + referrerAttributes + #","rewards":"#
            + (rewards ?? "[" + reward + "," + secondReward + "]")
            + (referrals ? #","referrals":["# + referral + "]" : "") + #"},"referee":{"id":"usr_ZJ69ZJBK1S","signup_at":"2025-08-24T20:36:49Z","attribution":"code","#
            + #""country":"DE","flags":[]},"events":[{"type":"spent","at":"2025-09-01T11:03:04Z","amount_minor":9368,"currency":"USD","#
            + #""attributes":"# + eventAttributes + #"},{"type":"hired","at":"2025-10-02T23:55:46Z"}]}"#
        let parts = line.split(separator: marker, omittingEmptySubsequences: false)
        return (Array((parts[0] + text + parts[1]).utf8), parts[0].utf8.count)
    }

    static func describe(_ t: TextRef, _ scanner: SnapshotScanner) -> String {
        t.isMissing ? "missing" : "\(t.start)+\(t.count)\(t.ascii ? "" : "u")\(t.inArena ? "@" : "") `\(scanner.text(t))`"
    }

    static func records(_ record: Record, _ scanner: SnapshotScanner) -> [String] {
        switch record {
        case .reward, .rewardInOrder, .rewards:
            scanner.facts.rewards.map { r in
                "\(describe(r.referralID, scanner)) \(r.amount) \(describe(r.currency, scanner)) \(r.kind) \(r.grantedAt.secondsSinceEpoch)"
            }
        case .referral:
            scanner.facts.referrals.map { r in
                "\(describe(r.referralID, scanner)) \(describe(r.type, scanner)) \(r.qualifiedAt.secondsSinceEpoch)"
            }
        case .attributes, .attributeMembers:
            scanner.facts.attributes.map { a in
                switch a.value {
                case .text(let t): "\(describe(a.name, scanner)) = text \(describe(t, scanner))"
                case .integer(let v): "\(describe(a.name, scanner)) = \(v)"
                case .bool(let v): "\(describe(a.name, scanner)) = \(v)"
                }
            }
        }
    }

    /// A flat attribute read before the object: its name in the input where it stands there
    /// in quotes (as a usual key leaves it), else decoded onto the arena.
    static func seed(_ name: String, _ scanner: inout SnapshotScanner, _ bytes: [UInt8]) {
        let quoted = Array("\"\(name)\"".utf8), utf8 = Array(name.utf8)
        let ascii = utf8.allSatisfy { $0 < 0x80 }
        var ref: TextRef
        if let found = bytes.indices.dropLast(quoted.count - 1).first(where: { bytes[$0..<$0 + quoted.count].elementsEqual(quoted) }) {
            ref = TextRef(start: Int32(found + 1), count: Int32(utf8.count), ascii: ascii, inArena: false)
        } else {
            ref = TextRef(start: Int32(scanner.facts.arena.count), count: Int32(utf8.count), ascii: ascii, inArena: true)
            scanner.facts.arena.append(contentsOf: utf8)
        }
        scanner.facts.attributes.append(AttributeFact(name: ref, value: .bool(true)))
    }

    static func read(_ record: Record, _ bytes: [UInt8], at offset: Int, usual: Bool) -> Read? {
        var facts = SnapshotFacts()
        return withUnsafeMutablePointer(to: &facts) { storage in
            bytes.withUnsafeBufferPointer { buffer -> Read? in
                var scanner = SnapshotScanner(buffer, into: storage)
                if case .attributes(_, let flat) = record { for name in flat { seed(name, &scanner, bytes) } }
                scanner.i = offset
                if usual {
                    let before = records(record, scanner), arena = scanner.facts.arena
                    let read = switch record {
                    case .reward: scanner.usualPastReward()
                    case .rewardInOrder: scanner.usualPastRewardInOrder()
                    case .rewards: scanner.usualPastRewards()
                    case .referral: scanner.usualReferral()
                    case .attributes: scanner.usualAttributes(run: 0)
                    case .attributeMembers:
                        { () -> Bool in
                            var j = scanner.i
                            guard scanner.usualAttributeMembers(&j) else {
                                #expect(j == scanner.i)
                                return false
                            }
                            scanner.i = j
                            return true
                        }()
                    }
                    guard read else {
                        #expect(scanner.i == offset && records(record, scanner) == before && scanner.facts.arena == arena)
                        return nil
                    }
                } else {
                    do throws(EvaluationError) {
                        switch record {
                        case .reward, .rewardInOrder: try scanner.pastReward(.reward(0))
                        case .rewards: try scanner.pastRewardsTheGeneralWay()
                        case .referral: try scanner.referral(.referral(0))
                        case .attributes(let ctx, _), .attributeMembers(let ctx): try scanner.attributesObjectTheGeneralWay(ctx, run: 0)
                        }
                    } catch {
                        return Read(records: [], arena: [], error: error, end: scanner.i)
                    }
                }
                return Read(records: records(record, scanner), arena: scanner.facts.arena, error: nil, end: scanner.i)
            }
        }
    }

    /// Checks one record in its place; returns whether the usual reader read it.
    @discardableResult
    static func agree(_ record: Record, _ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Bool {
        let (bytes, offset) = line(record, text)
        guard let usual = read(record, bytes, at: offset, usual: true) else { return false }
        #expect(usual == read(record, bytes, at: offset, usual: false), "\(text)", sourceLocation: sourceLocation)
        return true
    }

    // MARK: - Past rewards

    static let usualRewards: [String] = [
        usualReward,
        #"{"referral_id":"ref_HKZ2936K7NA60JFE","amount_minor":2500,"currency":"USD","kind":"credit","granted_at":"2025-01-18T11:14:38Z"}"#,
        #"{"granted_at":"2000-02-29T23:59:59Z","kind":"credit","currency":"","amount_cents":-42,"referral_id":""}"#,
        #"{"amount_minor":0,"currency":"EUR","kind":"cash","granted_at":"0001-01-01T00:00:00Z"}"#,
        #"{"kind":"cash","granted_at":"9999-12-31T23:59:59Z","amount_minor":999999999999999999,"currency":"a currency of more than sixteen bytes"}"#,
    ]

    static let generalRewards: [String] = [
        #"{ "referral_id":"r","amount_minor":1,"currency":"USD","kind":"cash","granted_at":"2025-01-15T02:45:00Z"}"#,
        #"{"referral_id" :"r","amount_minor":1,"currency":"USD","kind":"cash","granted_at":"2025-01-15T02:45:00Z"}"#,
        #"{"referral_id":"r", "amount_minor":1,"currency":"USD","kind":"cash","granted_at":"2025-01-15T02:45:00Z"}"#,
        #"{"referral_id":"r","amount_minor":1,"currency":"USD","kind":"cash","granted_at":"2025-01-15T02:45:00Z" }"#,
        #"{"referral_id":null,"amount_minor":1,"currency":"USD","kind":"cash","granted_at":"2025-01-15T02:45:00Z"}"#,
        #"{"referral_id":7,"amount_minor":1,"currency":"USD","kind":"cash","granted_at":"2025-01-15T02:45:00Z"}"#,
        #"{"referral_id":"r\u00e9","amount_minor":1,"currency":"USD","kind":"cash","granted_at":"2025-01-15T02:45:00Z"}"#,
        #"{"referral_id":"ré","amount_minor":1,"currency":"USD","kind":"cash","granted_at":"2025-01-15T02:45:00Z"}"#,
        #"{"amount_minor":1,"currency":"US\u0044","kind":"cash","granted_at":"2025-01-15T02:45:00Z"}"#,
        #"{"amount_minor":1,"currency":null,"kind":"cash","granted_at":"2025-01-15T02:45:00Z"}"#,
        #"{"amount_minor":1,"currency":"USD","kind":"Cash","granted_at":"2025-01-15T02:45:00Z"}"#,
        #"{"amount_minor":1,"currency":"USD","kind":"cas","granted_at":"2025-01-15T02:45:00Z"}"#,
        #"{"amount_minor":1,"currency":"USD","kind":"cashback","granted_at":"2025-01-15T02:45:00Z"}"#,
        #"{"amount_minor":1,"currency":"USD","kind":"credits","granted_at":"2025-01-15T02:45:00Z"}"#,
        #"{"amount_minor":1,"currency":"USD","kind":"\u0063ash","granted_at":"2025-01-15T02:45:00Z"}"#,
        #"{"amount_minor":1,"currency":"USD","kind":null,"granted_at":"2025-01-15T02:45:00Z"}"#,
        #"{"amount_minor":1,"currency":"USD","kind":"","granted_at":"2025-01-15T02:45:00Z"}"#,
        #"{"amount_minor":1.5,"currency":"USD","kind":"cash","granted_at":"2025-01-15T02:45:00Z"}"#,
        #"{"amount_minor":"1","currency":"USD","kind":"cash","granted_at":"2025-01-15T02:45:00Z"}"#,
        #"{"amount_minor":null,"currency":"USD","kind":"cash","granted_at":"2025-01-15T02:45:00Z"}"#,
        #"{"amount_minor":1234567890123456789,"currency":"USD","kind":"cash","granted_at":"2025-01-15T02:45:00Z"}"#,
        #"{"amount_minor":1,"amount_cents":1,"currency":"USD","kind":"cash","granted_at":"2025-01-15T02:45:00Z"}"#,
        #"{"amount_minor":1,"currency":"USD","kind":"cash","kind":"credit","granted_at":"2025-01-15T02:45:00Z"}"#,
        #"{"amount_minor":1,"currency":"USD","kind":"cash","granted_at":"2025-01-15T02:45:00+01:00"}"#,
        #"{"amount_minor":1,"currency":"USD","kind":"cash","granted_at":"2025-02-30T02:45:00Z"}"#,
        #"{"amount_minor":1,"currency":"USD","kind":"cash","granted_at":"2025-01-15"}"#,
        #"{"currency":"USD","kind":"cash","granted_at":"2025-01-15T02:45:00Z"}"#,
        #"{"amount_minor":1,"kind":"cash","granted_at":"2025-01-15T02:45:00Z"}"#,
        #"{"amount_minor":1,"currency":"USD","granted_at":"2025-01-15T02:45:00Z"}"#,
        #"{"amount_minor":1,"currency":"USD","kind":"cash"}"#,
        #"{"amount_minor":1,"currency":"USD","kind":"cash","granted_at":"2025-01-15T02:45:00Z","note":"x"}"#,
        #"{"amount_minor":1,"currency":"USD","kind":"cash","granted_at":"2025-01-15T02:45:00Z",}"#,
        #"{}"#,
        #"[]"#,
        #"null"#,
    ]

    @Test func usualRewardsAreReadAsTheGeneralWayReadsThem() {
        for reward in Self.usualRewards { #expect(Self.agree(.reward, reward), "\(reward)") }
    }

    @Test func otherRewardsAreLeftToTheGeneralWay() {
        for reward in Self.generalRewards { #expect(!Self.agree(.reward, reward), "\(reward)") }
    }

    /// The first two usual rewards are in the exporters' order, the others not.
    @Test func rewardsInTheExportersOrder() {
        for (k, reward) in Self.usualRewards.enumerated() {
            #expect(Self.agree(.rewardInOrder, reward) == (k < 2), "\(reward)")
        }
        for reward in Self.generalRewards { #expect(!Self.agree(.rewardInOrder, reward), "\(reward)") }
    }

    /// The kinds' words are the kinds' names, in quotes; one byte off, none.
    @Test func rewardKindsAsWords() {
        for kind in RewardKind.allCases {
            let quoted = Array("\"\(kind.rawValue)\",\"next\":1}".utf8)
            let length = kind.rawValue.utf8.count + 2
            var facts = SnapshotFacts()
            withUnsafeMutablePointer(to: &facts) { storage in
                quoted.withUnsafeBufferPointer { buffer in
                    let scanner = SnapshotScanner(buffer, into: storage)
                    var j = 0
                    #expect(scanner.usualRewardKind(&j) == kind && j == length, "\(kind)")
                }
                for position in 0..<length {
                    var changed = quoted
                    changed[position] ^= 0x20
                    changed.withUnsafeBufferPointer { buffer in
                        let scanner = SnapshotScanner(buffer, into: storage)
                        var j = 0
                        #expect(scanner.usualRewardKind(&j) == nil && j == 0, "\(kind) changed at \(position)")
                    }
                }
            }
        }
    }

    // MARK: - The rewards array

    static let usualRewardArrays: [String] = [
        "[]",
        "[" + usualReward + "]",
        "[" + usualReward + "," + secondReward + "]",
        "[" + usualRewards[2] + "," + usualRewards[3] + "," + usualRewards[4] + "]",
    ]

    static let generalRewardArrays: [String] = [
        "[ ]", "null", "{}", "[1]", "[,]", "[" + usualReward + ",]", "[" + usualReward + " ]", "[ " + usualReward + "]",
        "[" + usualReward + "," + generalRewards[0] + "]", "[" + generalRewards[6] + "," + usualReward + "]",
        "[" + usualReward + "}", "[" + usualReward + usualReward + "]", "[" + usualReward + ",null]",
    ]

    @Test func usualRewardArraysAreReadAsTheGeneralWayReadsThem() {
        for rewards in Self.usualRewardArrays { #expect(Self.agree(.rewards, rewards), "\(rewards)") }
    }

    @Test func otherRewardArraysAreLeftToTheGeneralWay() {
        for rewards in Self.generalRewardArrays { #expect(!Self.agree(.rewards, rewards), "\(rewards)") }
    }

    // MARK: - Referrals

    static let usualReferrals: [String] = [
        usualReferral,
        #"{"qualified_at":"2000-02-29T23:59:59Z","referral_type":"","referral_id":"a referral id of more than sixteen bytes"}"#,
    ]

    static let generalReferrals: [String] = [
        #"{ "referral_id":"r","referral_type":"client","qualified_at":"2025-01-18T11:14:38Z"}"#,
        #"{"referral_id":"r","referral_type":"client","qualified_at":"2025-01-18T11:14:38Z" }"#,
        #"{"referral_id":"r","referral_type" :"client","qualified_at":"2025-01-18T11:14:38Z"}"#,
        #"{"referral_id":null,"referral_type":"client","qualified_at":"2025-01-18T11:14:38Z"}"#,
        #"{"referral_id":"r","referral_type":"cli\"ent","qualified_at":"2025-01-18T11:14:38Z"}"#,
        #"{"referral_id":"r","referral_type":"clienté","qualified_at":"2025-01-18T11:14:38Z"}"#,
        #"{"referral_id":"r","referral_type":"client","qualified_at":"2025-01-18"}"#,
        #"{"referral_id":"r","referral_type":"client","qualified_at":null}"#,
        #"{"referral_id":"r","referral_type":"client"}"#,
        #"{"referral_type":"client","qualified_at":"2025-01-18T11:14:38Z"}"#,
        #"{"referral_id":"r","qualified_at":"2025-01-18T11:14:38Z"}"#,
        #"{"referral_id":"r","referral_id":"s","referral_type":"client","qualified_at":"2025-01-18T11:14:38Z"}"#,
        #"{"referral_id":"r","referral_type":"client","qualified_at":"2025-01-18T11:14:38Z","kind":"cash"}"#,
        #"{}"#,
    ]

    @Test func usualReferralsAreReadAsTheGeneralWayReadsThem() {
        for referral in Self.usualReferrals { #expect(Self.agree(.referral, referral), "\(referral)") }
    }

    @Test func otherReferralsAreLeftToTheGeneralWay() {
        for referral in Self.generalReferrals { #expect(!Self.agree(.referral, referral), "\(referral)") }
    }

    // MARK: - Attributes objects

    static let sixteen = "{" + (0..<16).map { "\"a\($0)\":\($0)" }.joined(separator: ",") + "}"
    static let seventeen = "{" + (0..<17).map { "\"a\($0)\":\($0)" }.joined(separator: ",") + "}"

    static let usualAttributes: [(String, [String])] = [
        (#"{"top_rated":false}"#, []),
        (#"{"top_rated":true}"#, []),
        (#"{"paid_from":"balance"}"#, []),
        (#"{}"#, []),
        (#"{"a":1,"b":-2,"c":"","d":true,"e":false,"f":0,"g":"a text of more than sixteen bytes"}"#, []),
        (#"{"a":1,"ab":2,"A":3,"b":4}"#, []),
        (sixteen, []),
        (#"{"top_rated":true}"#, ["top_rate", "Top_rated", "top_rated_", "é", "\u{212B}"]),
        (#"{"paid_from":"card","k":1}"#, ["K"]),
    ]

    static let generalAttributes: [(String, [String])] = [
        (#"{"a":1,"a":2}"#, []),
        (#"{"a":1,"b":2,"a":true}"#, []),
        (#"{"top_rated":true}"#, ["top_rated"]),          // a flat field of the name, in the input
        (#"{"zz9":true}"#, ["zz9"]),                      // the same, decoded onto the arena
        (#"{"K":1}"#, ["\u{212A}"]),                      // the Kelvin sign is `K` to the general comparison
        (#"{"a":1,"b":1}"#, ["x", "y", "b"]),
        (#"{"a\u0062":1}"#, []),
        (#"{"ab":1,"a\u0062":1}"#, []),
        (#"{"é":1}"#, []),
        (#"{"a":"é"}"#, []),
        (#"{"a":"t\"ext"}"#, []),
        (#"{"a":"\ud800"}"#, []),
        (#"{"a":null}"#, []),
        (#"{"a":1.5}"#, []),
        (#"{"a":1e3}"#, []),
        (#"{"a":012}"#, []),
        (#"{"a":-}"#, []),
        (#"{"a":9223372036854775808}"#, []),
        (#"{"a":[1]}"#, []),
        (#"{"a":{}}"#, []),
        (#"{"a":tru}"#, []),
        (#"{"a":fals}"#, []),
        (#"{"a":truex}"#, []),
        (#"{"a":falsey}"#, []),
        (#"{ "a":1}"#, []),
        (#"{"a" :1}"#, []),
        (#"{"a": 1}"#, []),
        (#"{"a":1 }"#, []),
        (#"{"a":1,}"#, []),
        (#"{ }"#, []),
        (seventeen, []),
        (sixteen, ["x"]),
        (#"null"#, []),
        (#"[]"#, []),
        (#""x""#, []),
    ]

    @Test func usualAttributesAreReadAsTheGeneralWayReadsThem() {
        for (object, flat) in Self.usualAttributes {
            #expect(Self.agree(.attributes(.referrer, flat: flat), object), "\(object) after \(flat)")
            if flat.isEmpty { #expect(Self.agree(.attributes(.event(0), flat: []), object), "\(object) on an event") }
        }
    }

    @Test func otherAttributesAreLeftToTheGeneralWay() {
        for (object, flat) in Self.generalAttributes {
            #expect(!Self.agree(.attributes(.referrer, flat: flat), object), "\(object) after \(flat)")
            if flat.isEmpty { #expect(!Self.agree(.attributes(.event(0), flat: []), object), "\(object) on an event") }
        }
    }

    // MARK: - Every one-byte change, and the end of the input

    static let changed: [(String, Record, String)] = usualRewards.map { ("reward", .reward, $0) }
        + usualRewards.prefix(2).map { ("reward in order", .rewardInOrder, $0) }
        + usualRewardArrays.map { ("rewards", .rewards, $0) }
        + usualReferrals.map { ("referral", .referral, $0) }
        + usualAttributes.map { ("referrer attributes", .attributes(.referrer, flat: $0.1), $0.0) }
        + [("event attributes", .attributes(.event(0), flat: []), #"{"paid_from":"balance"}"#),
           ("event attributes", .attributes(.event(0), flat: []), #"{"a":1,"b":-2,"c":"x","d":true,"e":false}"#)]

    @Test(arguments: 0..<changed.count)
    func everyOneByteChange(_ index: Int) {
        let (name, record, text) = Self.changed[index]
        Self.checkEveryOneByteChange(name, record, text)
    }

    /// Every one-byte change of `text`, a usual record, and of the byte after it: the usual
    /// reader reads what the general way reads, or leaves it (and some change is read).
    static func checkEveryOneByteChange(_ name: String, _ record: Record, _ text: String) {
        let (original, offset) = Self.line(record, text)
        let replacements: [UInt8] = Array(#""\{}[],:0-9e.ntaZTfKk 5"#.utf8) + [0xFF, 0xC3, 0x0A, 0x00, 0x7F]
        var read = 0
        for position in offset...(offset + text.utf8.count) {  // the record and the byte after it
            for r in replacements where original[position] != r {
                var bytes = original
                bytes[position] = r
                guard let usual = Self.read(record, bytes, at: offset, usual: true) else { continue }
                read += 1
                #expect(usual == Self.read(record, bytes, at: offset, usual: false), "\(name) \(text): byte \(position - offset) → \(r)")
            }
        }
        #expect(read > 0)
    }

    /// A line cut inside or right after a usual record: nothing is read past its end.
    @Test(arguments: 0..<changed.count)
    func theEndOfTheInput(_ index: Int) {
        let (name, record, text) = Self.changed[index]
        Self.checkTheEndOfTheInput(name, record, text)
    }

    /// The line cut at every place inside `text`, a usual record, or right after it.
    static func checkTheEndOfTheInput(_ name: String, _ record: Record, _ text: String) {
        let (original, offset) = Self.line(record, text)
        for cut in offset...(offset + text.utf8.count + 1) {
            let bytes = Array(original.prefix(cut))
            if let usual = Self.read(record, bytes, at: offset, usual: true) {
                #expect(usual == Self.read(record, bytes, at: offset, usual: false), "\(name) \(text): cut at \(cut - offset)")
            }
        }
    }

    /// The whole line with each usual record in it decides as the oracle decides, and so does
    /// every one-byte change of the record (the snapshot scanned from its start, the usual
    /// readers called where the scanner meets the records).
    @Test(arguments: [0, usualRewards.count + 2 + 2, usualRewards.count + 2 + usualRewardArrays.count + usualReferrals.count, changed.count - 2])
    func wholeLinesAgreeWithTheOracle(_ index: Int) {
        let (_, record, text) = Self.changed[index]
        Self.checkWholeLines(record, text)
    }

    /// The whole line with `text` in its place, and every one-byte change of it, against the oracle.
    static func checkWholeLines(_ record: Record, _ text: String) {
        let (original, offset) = Self.line(record, text, referrals: false)
        OracleTests.compare(String(decoding: original, as: UTF8.self), T.exampleSet)
        let replacements: [UInt8] = Array(#""\{}[],:0e.tZ "#.utf8) + [0xC3]
        for position in offset..<(offset + text.utf8.count) {
            for r in replacements where original[position] != r {
                var bytes = original
                bytes[position] = r
                OracleTests.compare(String(decoding: bytes, as: UTF8.self), T.exampleSet)
            }
        }
    }
}
