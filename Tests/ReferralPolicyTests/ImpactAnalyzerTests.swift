import Foundation
import Testing
@testable import ReferralPolicy

/// The impact of a policy change in the library: the same summary on one thread and on
/// several, changed referrals in input order, a summary that survives its JSON, partitions
/// that add up, and the ranges of the distribution.
@Suite struct ImpactAnalyzerTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func set(_ path: String) throws -> PolicySet {
        let loaded = PolicySet.load(paths: [root.appendingPathComponent(path).path])
        return try #require(loaded.set, "\(loaded.diagnostics)")
    }

    static func history() throws -> [ImpactInput] {
        let data = try Data(contentsOf: root.appendingPathComponent("Tests/CLITests/Inputs/diff/history.jsonl"))
        return [UInt8](data).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast()
            .enumerated().map { ImpactInput(bytes: ArraySlice($0.element), line: $0.offset + 1) }
    }

    static func analyze(workers: Int, batch: Int, keepChanged: Bool = false) throws -> (ImpactAnalyzer, [ChangedReferral]) {
        var analyzer = ImpactAnalyzer(base: try set("policies"), new: try set("Tests/CLITests/Inputs/diff/new"),
                                      keepChanged: keepChanged, workers: workers)
        let inputs = try history()
        var changed: [ChangedReferral] = []
        for start in stride(from: 0, to: inputs.count, by: batch) {
            changed += analyzer.add(Array(inputs[start..<min(inputs.count, start + batch)]), source: "history.jsonl")
        }
        return (analyzer, changed)
    }

    @Test func severalWorkersGiveTheSameSummaryAsOne() throws {
        let (one, _) = try Self.analyze(workers: 1, batch: 600)
        let (four, _) = try Self.analyze(workers: 4, batch: 97)
        #expect(one.summary.records == 600)
        #expect(one.summary == four.summary)
        let base = try Self.set("policies"), new = try Self.set("Tests/CLITests/Inputs/diff/new")
        #expect(ImpactReport(base: base, new: new, summary: one.summary).json() == ImpactReport(base: base, new: new, summary: four.summary).json())
    }

    @Test func changedReferralsComeInInputOrderWithTheRulesThatChangedOutcome() throws {
        let (analyzer, changed) = try Self.analyze(workers: 3, batch: 128, keepChanged: true)
        #expect(changed.count == analyzer.summary.changed)
        let lines = changed.compactMap(\.line)
        #expect(lines == lines.sorted())
        let window = try #require(changed.first { $0.base.status == "pending" && $0.new.status == "expired" })
        #expect(window.rules.map(\.rule).contains("client.window"))
        #expect(window.rules.first { $0.rule == "client.window" }.map { ($0.baseHeld, $0.newHeld) } ?? (nil, nil) == (true, false))
    }

    /// The outcome path against the plain one: each side's `evaluate(json:)` of every line,
    /// compared and added up here, gives the same counts, transitions, payouts and changed
    /// referrals (their sides, errors, deltas and rules) — when both sides read a line alike
    /// (one scan serves both) and when they declare different flat attributes (version 1's
    /// `top_rated`, which version 2 alone rejects), so that each side scans the line itself.
    @Test(arguments: ["Tests/CLITests/Inputs/diff/new", "policies/marketplace-v2.yaml"])
    func theImpactIsWhatEachSideDecidingEveryLineGives(newPath: String) throws {
        let base = try Self.set("policies"), new = try Self.set(newPath)
        let inputs = try Self.history()
        var analyzer = ImpactAnalyzer(base: base, new: new, keepChanged: true, workers: 2)
        let changed = analyzer.add(inputs, source: "history.jsonl")
        var transitions: [String: [Int]] = [:], payouts: [String: [Int64]] = [:]
        var expected: [ChangedReferral] = []
        var undecidedBase = 0, undecidedNew = 0
        func side(_ set: PolicySet, _ input: ImpactInput) -> (Decision?, ChangedReferral.Side) {
            do throws(EvaluationError) {
                let decision = try set.evaluate(json: input.bytes)
                return (decision, ChangedReferral.Side(decision))
            } catch {
                return (nil, ChangedReferral.Side(error))
            }
        }
        for input in inputs {
            let (da, a) = side(base, input), (db, b) = side(new, input)
            if da == nil { undecidedBase += 1 }
            if db == nil { undecidedNew += 1 }
            let isChanged = (da == nil) != (db == nil) || (da != nil && (a.status != b.status || a.rewards != b.rewards))
            transitions["\(a.status)->\(b.status)", default: [0, 0]][0] += 1
            for (paid, k) in [(a.paid, 0), (b.paid, 1)] {
                for r in paid { payouts["\(r.currency)/\(r.kind)/\(r.beneficiary)", default: [0, 0]][k] += r.amountMinor }
            }
            guard isChanged else { continue }
            transitions["\(a.status)->\(b.status)"]![1] += 1
            let decided = try #require(db ?? da)
            expected.append(ChangedReferral(referralID: decided.referralID, referralType: decided.referralType, referrer: decided.referrerID,
                                            source: "history.jsonl", line: input.line, base: a, new: b, delta: ImpactAnalyzer.delta(a, b),
                                            rules: ImpactAnalyzer.changedRules(input.bytes, base: base, new: new)))
        }
        let summary = analyzer.summary
        #expect(summary.records == inputs.count)
        #expect(summary.undecidedBase == undecidedBase && summary.undecidedNew == undecidedNew)
        #expect(summary.changed == expected.count && expected.count > 100)
        #expect(changed == expected)
        #expect(Dictionary(uniqueKeysWithValues: summary.transitions.map { ("\($0.from)->\($0.to)", [$0.count, $0.changed]) }) == transitions)
        #expect(Dictionary(uniqueKeysWithValues: summary.payouts.map { ("\($0.currency)/\($0.kind)/\($0.beneficiary)", [$0.baseMinor, $0.newMinor]) })
            == payouts)
        if newPath.hasSuffix(".yaml") {
            #expect(changed.contains { $0.new.error?.contains("unknown field `top_rated`") == true })
        }
    }

    @Test func aReportReadsBackFromItsJSONUnchanged() throws {
        let (analyzer, _) = try Self.analyze(workers: 2, batch: 600)
        let report = ImpactReport(base: try Self.set("policies"), new: try Self.set("Tests/CLITests/Inputs/diff/new"),
                                  summary: analyzer.summary, limits: [PayoutLimit(currency: Currency(code: "USD")!, limitMinor: 100)])
        let text = report.json()
        let read = try ImpactReport(json: Data(text.utf8))
        #expect(read.json() == text)
        #expect(read.rules == report.rules)
        #expect(throws: ImpactReportError.self) { try ImpactReport(json: Data("{\"report\":\"referral-policy-diff\",\"format_version\":1}".utf8)) }
    }

    @Test func partitionsMergeToTheWhole() throws {
        let base = try Self.set("policies"), new = try Self.set("Tests/CLITests/Inputs/diff/new")
        let inputs = try Self.history()
        var a = ImpactAnalyzer(base: base, new: new), b = ImpactAnalyzer(base: base, new: new), whole = ImpactAnalyzer(base: base, new: new)
        _ = a.add(Array(inputs[..<333]), source: "a")
        _ = b.add(Array(inputs[333...]), source: "b")
        _ = whole.add(inputs, source: "a")
        var merged = a.summary
        merged.merge(b.summary)
        #expect(merged.records == whole.summary.records)
        #expect(merged.changed == whole.summary.changed)
        #expect(merged.transitions == whole.summary.transitions)
        #expect(merged.payouts == whole.summary.payouts)
        #expect(merged.byType == whole.summary.byType)
        #expect(merged.distribution == whole.summary.distribution)
        #expect(merged.referrers == whole.summary.referrers)
    }

    @Test(arguments: [(Int64(0), 0), (1, 1), (100, 1), (101, 2), (200, 2), (201, 3), (500, 3), (501, 4), (2_000, 5), (-150, -2), (-10_000, -7)])
    func distributionRanges(delta: Int64, bucket: Int) {
        #expect(ImpactSummary.bucket(of: delta, digits: 2) == bucket)
        let (low, high) = ImpactSummary.bounds(ofBucket: bucket, digits: 2)
        #expect(bucket == 0 ? (low, high) == (0, 0) : delta > 0 ? (low < delta && delta <= high) : (low <= delta && delta < high))
        #expect(ImpactSummary.bucket(low: low, high: high, digits: 2) == bucket)
    }

    @Test func payoutLimitsAreReadInThePolicyCurrencyOrTheOneNamed() throws {
        let usd = Currency(code: "USD")!
        #expect(try PayoutLimit.parse("250", defaultCurrency: usd).get() == PayoutLimit(currency: usd, limitMinor: 25_000))
        #expect(try PayoutLimit.parse("JPY:500", defaultCurrency: usd).get() == PayoutLimit(currency: Currency(code: "JPY")!, limitMinor: 500))
        #expect(throws: PayoutLimitError.self) { try PayoutLimit.parse("1.234", defaultCurrency: usd).get() }
        #expect(throws: PayoutLimitError.self) { try PayoutLimit.parse("-5", defaultCurrency: usd).get() }
    }

    @Test func textsAreEscapedInTheReportJSONAndReadBack() throws {
        let cases = [("plain u-1 … $25.00", #""plain u-1 … $25.00""#), ("a\"b\\c", #""a\"b\\c""#),
                     ("line\nnext\ttab\r", #""line\nnext\ttab\r""#), ("\u{1}\u{2028}\u{2029}\u{2027}é", #""\u0001\u2028\u2029\#u{2027}é""#)]
        for (text, written) in cases {
            let json = ImpactJSON.string(text).text(pretty: false)
            #expect(json == written)
            #expect(ImpactJSON.parse(Data(json.utf8)) == .string(text))
        }
    }
}
