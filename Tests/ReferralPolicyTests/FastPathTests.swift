import Foundation
import Testing
@testable import ReferralPolicy

/// The fast path from a JSON line to a decision gives exactly the plain way's decision
/// (``SnapshotDecoder``, then ``Evaluator``), byte for byte, or leaves the line to it.
/// Checked on generated lines, written in many shapes and with every kind of damage, against
/// a program whose two versions use everything the fast path covers, and on the fixtures.
@Suite struct FastPathTests {
    static let set: PolicySet = {
        let loaded = PolicySet.load(paths: [T.packageRoot + "/Tests/ReferralPolicyTests/Inputs/fast-path"])
        guard let set = loaded.set else { fatalError("\(loaded.diagnostics)") }
        return set
    }()

    /// Compares the two ways on one line; returns true when the fast path decided it.
    @discardableResult
    static func compare(_ line: String, _ set: PolicySet = set, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Bool {
        let bytes = Array(line.utf8)
        let fast = bytes.withUnsafeBufferPointer { FastEvaluator.decide($0, policies: set.policies, names: set.flatNames) }
        let plain = Result { () throws(EvaluationError) -> Decision in try set.evaluate(set.decodeSnapshot(bytes)) }
        // What the public entry point gives is what the plain way gives, fast path or not.
        let entry = Result { () throws(EvaluationError) -> Decision in try set.evaluate(json: bytes) }
        #expect(entry == plain, "\(line)", sourceLocation: sourceLocation)
        // The JSON Lines entry point writes what the encoder writes for the plain decision.
        var appended: [UInt8] = [1, 2]
        let written = Result { () throws(EvaluationError) -> Bool in try set.appendDecision(json: bytes, to: &appended); return true }
        switch plain {
        case .success(let d):
            #expect(written == .success(true), sourceLocation: sourceLocation)
            #expect(String(decoding: appended.dropFirst(2), as: UTF8.self) == DecisionEncoder.json(d), "\(line)", sourceLocation: sourceLocation)
        case .failure(let error):
            #expect(written == .failure(error), sourceLocation: sourceLocation)
            #expect(appended == [1, 2], sourceLocation: sourceLocation)
        }
        var direct: [UInt8] = []
        let wrote = bytes.withUnsafeBufferPointer { FastEvaluator.append($0, policies: set.policies, names: set.flatNames, to: &direct) }
        #expect(wrote == (fast != nil), sourceLocation: sourceLocation)
        guard let fast else { return false }
        #expect(Result<Decision, EvaluationError>.success(fast) == plain, "\(line)", sourceLocation: sourceLocation)
        if case .success(let d) = plain {
            #expect(DecisionEncoder.json(fast) == DecisionEncoder.json(d), sourceLocation: sourceLocation)
            #expect(String(decoding: direct, as: UTF8.self) == DecisionEncoder.json(d), "\(line)", sourceLocation: sourceLocation)
        }
        return true
    }

    @Test func generatedLinesDecideAlikeBothWays() {
        var fast = 0
        var statuses: Set<Decision.Status> = []
        let count = 20_000
        for seed in 1...UInt64(count) {
            let line = Self.line(seed: seed)
            if Self.compare(line) {
                fast += 1
                if let d = try? Self.set.evaluate(json: Array(line.utf8)) { statuses.insert(d.status) }
            }
        }
        // The comparison means something only when the fast path decides many lines, in
        // every status.
        #expect(fast > count * 2 / 5, "the fast path decided \(fast) of \(count)")
        #expect(statuses == Set(Decision.Status.allCases))
    }

    @Test func fixturesDecideAlikeBothWays() throws {
        let marketplace = try #require(PolicySet.load(paths: [T.packageRoot + "/policies"]).set)
        let fixtures = T.packageRoot + "/fixtures"
        for name in try FileManager.default.contentsOfDirectory(atPath: fixtures).sorted() {
            let path = fixtures + "/" + name + "/snapshot.json"
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            let text = String(decoding: data, as: UTF8.self)
            Self.compare(text, marketplace)
            Self.compare(text, Self.set)
        }
    }

    @Test func everyLineOfAShapeTheFastPathLeavesIsStillDecided() {
        let base = Self.line(seed: 7)
        let variants = [
            base.replacingOccurrences(of: #""id":"r-"#, with: #""id":"r-\u00e9"#),  // an escape
            base.replacingOccurrences(of: #""country":"#, with: #""attributes":{},"country":"#),
            base.replacingOccurrences(of: #""events":["#, with: #""events":[],"x":["#),
            base + " x",
            String(base.dropLast()),
            base.replacingOccurrences(of: #""as_of""#, with: #""as_of":null,"as_of""#),
        ]
        for line in variants { Self.compare(line) }
    }

    /// A line cut short anywhere is never decided from what is there: both ways report it.
    @Test func everyPrefixOfALineDecidesAlikeBothWays() {
        for seed: UInt64 in [3, 7, 11] {
            let line = Self.line(seed: seed)
            for end in line.indices.dropFirst() { Self.compare(String(line[..<end])) }
        }
    }

    /// Events beyond the first buffer are read again into a larger one; beyond
    /// ``CompactSnapshot/maxEventsRetried`` the line goes the plain way. Both decide alike.
    @Test func snapshotsWithManyEventsDecideAlikeBothWays() {
        let signup = "2025-03-01T10:00:00Z"
        func line(events: Int) -> String {
            let event = #"{"type":"earned","at":"2025-03-02T10:00:00Z","amount_cents":500}"#
            return #"{"id":"r-many","type":"freelancer","as_of":"2025-05-01T00:00:00Z","#
                + #""referrer":{"id":"u1","country":"US","rewards_this_year":0,"top_rated":true},"#
                + #""referee":{"id":"u2","signup_at":""# + signup + #"","attribution":"link","country":"US","flags":[]},"#
                + #""events":["# + Array(repeating: event, count: events).joined(separator: ",") + "]}"
        }
        for count in [31, 32, 33, 200, CompactSnapshot.maxEventsRetried] {
            #expect(Self.compare(line(events: count)), "\(count) events")
        }
        #expect(!Self.compare(line(events: CompactSnapshot.maxEventsRetried + 1)))
    }

    // MARK: - Generated lines

    /// A snapshot line for the fast-path program: compact or spaced, fields in any order,
    /// sometimes damaged (bad names, amounts, currencies, instants, duplicates, escapes).
    static func line(seed: UInt64) -> String {
        var g = PropertyTests.Generator(state: seed &* 7919)
        let day: Int64 = 86_400
        let start = Instant.date(year: 2025, month: 3, day: 1)!.secondsSinceEpoch
        let signup = start + g.int(0...200) * day + g.int(0...86_399)
        let asOf = signup + g.int(-5...240) * day
        func instant(_ seconds: Int64) -> String { "\"\(Instant(secondsSinceEpoch: seconds))\"" }
        func text(_ s: String) -> String { "\"\(s)\"" }
        func object(_ members: [(String, String)]) -> String {
            var members = members
            if g.chance(30) { members.shuffle(using: &g) }
            let sep = g.chance(15) ? ", " : ","
            let colon = g.chance(15) ? ": " : ":"
            return "{" + members.map { "\"\($0.0)\"\(colon)\($0.1)" }.joined(separator: sep) + "}"
        }
        var referrer: [(String, String)] = [("id", text("u\(g.int(1...30))"))]
        if g.chance(60) { referrer.append(("country", text(g.pick(["US", "UA", "IN"])))) }
        if g.chance(40) { referrer.append(("status", text(g.pick(["active", "suspended", "active"])))) }
        if g.chance(85) { referrer.append(("rewards_this_year", g.chance(97) ? "\(g.int(0...25))" : text("7"))) }
        if g.chance(70) { referrer.append(("top_rated", g.chance(80) ? "true" : "false")) }
        if g.chance(10) { referrer.append(("rewards", "[]")) }
        var referee: [(String, String)] = [("id", text("u\(g.int(1...30))")), ("signup_at", instant(signup))]
        if g.chance(90) { referee.append(("attribution", text(g.pick(["link", "link", "code", "organic"])))) }
        if g.chance(90) { referee.append(("country", text(g.pick(["US", "GB", "DE", "IR", "BR"])))) }
        if g.chance(80) {
            let flags = g.chance(85) ? [] : [text(g.pick(["fraud", "vip", "duplicate_account"]))]
            referee.append(("flags", "[" + flags.joined(separator: ",") + "]"))
        }
        if g.chance(60) { referee.append(("plan", text(g.pick(["pro", "business", "free"])))) }
        var events: [String] = []
        for _ in 0..<g.int(0...9) {
            let type = g.pick(["earned", "earned", "spent", "spent", "posted_job", "hired", "refund", "bogus"])
            var e: [(String, String)] = [("type", text(type)), ("at", instant(signup + g.int(-10...200) * day + g.int(0...86_399)))]
            if ["earned", "spent", "refund"].contains(type) || g.chance(5) {
                let amount = g.chance(3) ? -g.int(1...100) : g.pick([500, 2_500, 9_000, 40_000, 120_000, 300_000])
                e.append((g.chance(50) ? "amount_cents" : "amount_minor", "\(amount)"))
            }
            if g.chance(10) { e.append(("currency", text(g.chance(80) ? "USD" : "EUR"))) }
            events.append(object(e))
        }
        var root: [(String, String)] = [
            ("id", text("r-\(seed)")),
            ("type", text(g.pick(["freelancer", "client", "freelancer", "client", "partner"]))),
            ("as_of", instant(asOf)),
            ("referrer", object(referrer)),
            ("referee", object(referee)),
        ]
        // Three lines in a hundred carry a long history, drawn apart so the other lines stay as they are.
        var h = PropertyTests.Generator(state: seed &* 104_729)
        if h.chance(3) {
            for _ in 0..<h.int(30...150) {
                let type = h.pick(["earned", "spent", "posted_job", "refund"])
                let at = instant(signup + h.int(-10...200) * day + h.int(0...86_399))
                events.append(type == "posted_job" ? object([("type", text(type)), ("at", at)])
                              : object([("type", text(type)), ("at", at), ("amount_minor", "\(h.int(1...50_000))")]))
            }
        }
        if !events.isEmpty || g.chance(50) { root.append(("events", "[" + events.joined(separator: g.chance(10) ? ", " : ",") + "]")) }
        var line = object(root)
        if g.chance(4) { line = line.replacingOccurrences(of: "\"at\":", with: "\"at\":\"2025-02-30T00:00:00Z\",\"at\":") }
        if g.chance(3) { line = line.replacingOccurrences(of: "u1", with: "u\\u0031") }
        if g.chance(2) { line = " " + line + "  " }
        return line
    }
}

extension PropertyTests.Generator: RandomNumberGenerator {}
