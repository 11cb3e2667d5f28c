import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// `referral-policy diff`: the rule diff, the impact on a history in every format, the git
/// base, `--records`, `--max-increase`, `--merge`, and errors on both sides.
@Suite struct DiffCommandTests {
    static let dir = CLI.inputs + "/diff"
    static let history = dir + "/history.jsonl"
    static let newPolicy = dir + "/new"
    static let args = ["diff", "--base", "policies/", "--policy", newPolicy]

    /// Compares `actual` with the golden file `name` under `Inputs/diff/`; `UPDATE_GOLDEN=1` rewrites it.
    static func golden(_ name: String, _ actual: String) throws {
        let url = CLI.packageRoot.appendingPathComponent(dir + "/" + name)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] != nil {
            try Data(actual.utf8).write(to: url)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "differs from \(name) (UPDATE_GOLDEN=1 swift test --filter DiffCommandTests rewrites it)")
    }

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    // MARK: - Rule diff

    @Test func ruleDiffAloneMatchesItsGoldenFile() throws {
        let r = try CLI.run(Self.args)
        #expect(r.status == 0, "\(r)")
        try Self.golden("rules.txt", r.stdout)
        #expect(r.stdout.contains("freelancer.referrer_bonus.starter: amount 25.00 -> 30.00"))
        #expect(r.stdout.contains("client: window 180 days -> 120 days"))
        #expect(r.stdout.contains("policies/marketplace-v2.yaml:87 -> Tests/CLITests/Inputs/diff/new/marketplace-v2.yaml:81"))
    }

    @Test func samePolicyOnBothSidesHasNoRuleChangesAndNoChangedRecords() throws {
        let r = try CLI.run(["diff", "--base", "policies/", "--policy", "policies/", "--format", "json", Self.history])
        #expect(r.status == 0, "\(r)")
        let doc = try Self.object(r.stdout)
        let rules = try #require(doc["rules"] as? [String: Any])
        #expect((rules["changes"] as? [Any])?.isEmpty == true)
        let summary = try #require(doc["summary"] as? [String: Any])
        #expect(summary["changed"] as? Int == 0)
        #expect(summary["records"] as? Int == 600)
    }

    @Test func ruleDiffAloneInEveryFormat() throws {
        let json = try CLI.run(Self.args + ["--format", "json"])
        #expect(json.status == 0)
        let doc = try Self.object(json.stdout)
        #expect(doc["summary"] is NSNull)
        #expect(((doc["rules"] as? [String: Any])?["changes"] as? [Any])?.count == 5)
        let markdown = try CLI.run(Self.args + ["--format", "markdown"])
        #expect(markdown.stdout.hasPrefix("## Referral policy impact: `marketplace-referrals`\n\n### Rule changes\n\n- `not_sanctioned`: values"))
        let html = try CLI.run(Self.args + ["--format", "html"])
        let parser = XMLParser(data: Data(html.stdout.utf8))
        #expect(parser.parse())
        #expect(html.stdout.contains("<code>freelancer.referrer_bonus.starter</code>"))
    }

    /// Words from a policy cannot become markup in the markdown or the HTML report.
    @Test func policyTextIsEscapedInMarkdownAndHTML() throws {
        let scratch = try Scratch()
        let v2 = try String(contentsOfFile: CLI.packageRoot.appendingPathComponent("policies/marketplace-v2.yaml").path, encoding: .utf8)
            .replacingOccurrences(of: "description: $100 cash for the referrer",
                                  with: "description: \"<script>alert(1)</script> | **bold** [link](http://x) $5 and $6\"")
        _ = try scratch.write("p/marketplace-v2.yaml", v2)
        _ = try scratch.write("p/marketplace-v1.yaml", try String(contentsOfFile: CLI.packageRoot.appendingPathComponent("policies/marketplace-v1.yaml").path, encoding: .utf8))
        let args = ["diff", "--base", "policies/", "--policy", scratch.url.appendingPathComponent("p").path]
        let markdown = try CLI.run(args + ["--format", "markdown"])
        #expect(markdown.status == 0, "\(markdown)")
        // Only in a code span, which GitHub shows as it is.
        #expect(markdown.stdout.components(separatedBy: "<script>").dropFirst().count
                    == markdown.stdout.components(separatedBy: "`<script>").dropFirst().count)
        #expect(markdown.stdout.contains("`<script>alert(1)</script> | **bold** [link](http://x) $5 and $6`"), "\(markdown.stdout)")
        let html = try CLI.run(args + ["--format", "html"])
        #expect(!html.stdout.contains("<script>"))
        #expect(html.stdout.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(XMLParser(data: Data(html.stdout.utf8)).parse())
    }

    // MARK: - Impact, every format

    @Test func textImpactMatchesItsGoldenFile() throws {
        let r = try CLI.run(Self.args + [Self.history])
        #expect(r.status == 0, "\(r)")
        try Self.golden("impact.txt", r.stdout)
    }

    @Test func markdownImpactMatchesItsGoldenFileAndPutsThePayoutDeltaFirst() throws {
        let r = try CLI.run(Self.args + ["--format", "markdown", Self.history])
        #expect(r.status == 0, "\(r)")
        try Self.golden("impact.md", r.stdout)
        let lines = r.lines.filter { !$0.isEmpty }
        #expect(lines.count > 2)
        #expect(lines[1].hasPrefix("**Payouts: -\\$45.00 USD**"))
    }

    /// Done when: the JSON summary's counts and payout deltas equal what two `evaluate` runs
    /// of the same history, added up here independently, give.
    @Test func jsonSummaryEqualsTwoEvaluateRunsAddedUp() throws {
        let (changed, undecided) = try Self.expectSummaryEqualsTwoEvaluateRuns(Self.history, records: 600)
        #expect(changed > 100 && undecided > 0, "the history exercises changes and error records")
    }

    /// The same on the realistic marketplace snapshots of `bench/gen_marketplace.py` (both
    /// versions, referrers' past rewards against the limits, reversals, every status), the
    /// history the benchmark diffs, with three bad lines among them.
    @Test func jsonSummaryEqualsTwoEvaluateRunsOnMarketplaceSnapshots() throws {
        let scratch = try Scratch()
        let generated = scratch.url.appendingPathComponent("generated.jsonl").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", CLI.packageRoot.appendingPathComponent("bench/gen_marketplace.py").path,
                             "--n", "2000", "--out", generated]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let said = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "bench/gen_marketplace.py failed (needs python3):\n\(said)")
        var lines = try String(contentsOfFile: generated, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.count == 2000)
        lines.insert("not json", at: 700)
        lines.insert(#"{"id":"x"}"#, at: 1400)
        lines.insert(lines[5].replacingOccurrences(of: #""type":""#, with: #""type":"x"#), at: 1900)
        let history = try scratch.write("marketplace.jsonl", lines.joined(separator: "\n") + "\n")
        let (changed, undecided) = try Self.expectSummaryEqualsTwoEvaluateRuns(history, records: 2003)
        #expect(changed > 200 && undecided == 3)
    }

    /// Runs `evaluate` with each side and `diff --format json --records` on `history`, and
    /// checks the summary against the two runs added up here: records, changed, undecided,
    /// transitions, payouts, per type, the referrers' changes, and the changed referrals.
    /// Returns how many changed and how many were undecided.
    static func expectSummaryEqualsTwoEvaluateRuns(_ history: String, records expected: Int) throws -> (changed: Int, undecided: Int) {
        let base = try CLI.run(["evaluate", "--policy", "policies/", history])
        let new = try CLI.run(["evaluate", "--policy", Self.newPolicy, history])
        #expect(base.lines.count == expected && new.lines.count == expected)
        var records = 0, changed = 0, undecided = 0, undecidedBase = 0, undecidedNew = 0
        var transitions: [String: Int] = [:]
        var payouts: [String: (base: Int, new: Int)] = [:]
        var changedIDs: Set<String> = []
        func status(_ d: [String: Any]) -> String { d["error"] != nil ? "error" : d["status"] as! String }
        func rewards(_ d: [String: Any]) -> [String] {
            ((d["rewards"] as? [[String: Any]]) ?? []).map { r in
                ["rule", "beneficiary", "kind", "amount_minor", "currency", "payable_at", "expires_at"].map { "\(r[$0] ?? "-")" }.joined(separator: "|")
            }
        }
        var types: [String: [Int]] = [:]  // records, changed, undecided
        var referrers: [String: [Int]] = [:]  // changed, base USD, new USD
        func usd(_ d: [String: Any]) -> Int {
            status(d) != "qualified" ? 0 : (d["rewards"] as! [[String: Any]]).filter { $0["currency"] as? String == "USD" }
                .reduce(0) { $0 + ($1["amount_minor"] as! Int) }
        }
        let path = history.hasPrefix("/") ? history : CLI.packageRoot.appendingPathComponent(history).path
        let inputs = try String(contentsOfFile: path, encoding: .utf8)
            .split(separator: "\n").map(String.init)
        #expect(inputs.count == expected)
        for ((a, b), input) in zip(zip(base.lines, new.lines), inputs) {
            let da = try Self.object(a), db = try Self.object(b)
            records += 1
            let sa = status(da), sb = status(db)
            if sa == "error" { undecidedBase += 1 }
            if sb == "error" { undecidedNew += 1 }
            if sa == "error" || sb == "error" { undecided += 1 }
            let decided = sb != "error" ? db : sa != "error" ? da : nil
            let type = decided.map { $0["referral_type"] as! String } ?? "(undecided)"
            var t = types[type] ?? [0, 0, 0]
            t[0] += 1
            if sa == "error" || sb == "error" { t[2] += 1 }
            if sa != sb || rewards(da) != rewards(db) {
                changed += 1
                t[1] += 1
                changedIDs.insert((db["referral_id"] ?? da["referral_id"]) as! String)
                let referrer = (try Self.object(input)["referrer"] as! [String: Any])["id"] as! String
                var r = referrers[referrer] ?? [0, 0, 0]
                r[0] += 1
                r[1] += usd(da)
                r[2] += usd(db)
                referrers[referrer] = r
            }
            types[type] = t
            transitions["\(sa)->\(sb)", default: 0] += 1
            for (d, isBase) in [(da, true), (db, false)] where status(d) == "qualified" {
                for r in d["rewards"] as! [[String: Any]] {
                    let key = "\(r["currency"]!)/\(r["kind"]!)/\(r["beneficiary"]!)"
                    var p = payouts[key] ?? (0, 0)
                    if isBase { p.base += r["amount_minor"] as! Int } else { p.new += r["amount_minor"] as! Int }
                    payouts[key] = p
                }
            }
        }
        let scratch = try Scratch()
        let recordsFile = scratch.url.appendingPathComponent("changed.jsonl").path
        let r = try CLI.run(Self.args + ["--format", "json", "--records", recordsFile, history])
        #expect(r.status == 0, "\(r)")
        let summary = try #require(try Self.object(r.stdout)["summary"] as? [String: Any])
        #expect(summary["records"] as? Int == records)
        #expect(summary["changed"] as? Int == changed)
        #expect(summary["undecided"] as? Int == undecided)
        #expect(summary["undecided_base"] as? Int == undecidedBase)
        #expect(summary["undecided_new"] as? Int == undecidedNew)
        var got: [String: Int] = [:]
        for t in summary["transitions"] as! [[String: Any]] { got["\(t["from"]!)->\(t["to"]!)"] = t["count"] as? Int }
        #expect(got == transitions)
        var gotPayouts: [String: (base: Int, new: Int)] = [:]
        for p in summary["payouts"] as! [[String: Any]] {
            let base = p["base_minor"] as! Int, new = p["new_minor"] as! Int
            #expect(p["delta_minor"] as? Int == new - base)
            gotPayouts["\(p["currency"]!)/\(p["kind"]!)/\(p["beneficiary"]!)"] = (base, new)
        }
        #expect(gotPayouts.mapValues { [$0.base, $0.new] } == payouts.mapValues { [$0.base, $0.new] })
        // Per type, the payouts add up to the totals.
        var byTypeTotal: [String: Int] = [:]
        for t in summary["by_type"] as! [[String: Any]] {
            for p in t["payouts"] as! [[String: Any]] { byTypeTotal["\(p["currency"]!)/\(p["kind"]!)/\(p["beneficiary"]!)", default: 0] += p["delta_minor"] as! Int }
        }
        #expect(byTypeTotal == payouts.mapValues { $0.new - $0.base })
        var gotTypes: [String: [Int]] = [:]
        for t in summary["by_type"] as! [[String: Any]] {
            gotTypes[t["type"] as! String] = [t["records"] as! Int, t["changed"] as! Int, t["undecided"] as! Int]
        }
        #expect(gotTypes == types)
        // The referrers listed are the most affected, with their changes as both runs give them.
        let ranked = referrers.sorted { a, b in
            let ma = abs(a.value[2] - a.value[1]), mb = abs(b.value[2] - b.value[1])
            return ma != mb ? ma > mb : a.value[0] != b.value[0] ? a.value[0] > b.value[0] : a.key < b.key
        }.prefix(10)
        let listed = (summary["referrers"] as! [[String: Any]]).map { r in
            "\(r["referrer"]!) \(r["changed"]!) \(r["base_minor"]!) \(r["new_minor"]!)"
        }
        #expect(listed == ranked.map { "\($0.key) \($0.value[0]) \($0.value[1]) \($0.value[2])" })
        // --records: one line per changed referral, the same referrals.
        let lines = try String(contentsOfFile: recordsFile, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == changed)
        let ids = Set(try lines.map { try Self.object(String($0))["referral_id"] as! String })
        #expect(ids == changedIDs)
        return (changed, undecided)
    }

    @Test func jsonHasEveryDocumentedField() throws {
        let r = try CLI.run(Self.args + ["--format", "json", Self.history])
        let doc = try Self.object(r.stdout)
        for key in ["report", "format_version", "program", "currency", "base", "new", "rules", "summary", "max_increase"] {
            #expect(doc[key] != nil, "missing \(key)")
        }
        let summary = try #require(doc["summary"] as? [String: Any])
        for key in ["currency", "records", "changed", "undecided", "undecided_base", "undecided_new", "transitions", "payouts",
                    "by_type", "distribution", "referrers", "referrers_complete", "overflowed", "examples"] {
            #expect(summary[key] != nil, "missing summary.\(key)")
        }
        let examples = try #require(summary["examples"] as? [[String: Any]])
        let first = try #require((examples.first?["referrals"] as? [[String: Any]])?.first)
        let rules = try #require(first["rules"] as? [[String: Any]])
        #expect(rules.contains { $0["rule"] as? String == "freelancer.referrer_bonus.starter" || $0["rule"] as? String == "client.referrer_cash" })
        // An eligibility rule whose list changed but that held on both sides did not change outcome.
        #expect(!rules.contains { $0["rule"] as? String == "not_sanctioned" })
        let referrers = try #require(summary["referrers"] as? [[String: Any]])
        #expect(referrers.count == 10)
        // The distribution counts every changed referral once.
        #expect((summary["distribution"] as! [[String: Any]]).reduce(0) { $0 + ($1["count"] as! Int) } == summary["changed"] as! Int)
    }

    @Test func htmlIsSelfContainedWellFormedAndItsChartsShowTheJSONNumbers() throws {
        let html = try CLI.run(Self.args + ["--format", "html", Self.history])
        #expect(html.status == 0)
        let json = try CLI.run(Self.args + ["--format", "json", Self.history])
        let summary = try #require(try Self.object(json.stdout)["summary"] as? [String: Any])
        for forbidden in ["<script", "<link", "src=", "@import", "url(http", "href=\"http"] {
            #expect(!html.stdout.contains(forbidden), "external or active content: \(forbidden)")
        }
        let collector = ChartCollector()
        let parser = XMLParser(data: Data(html.stdout.utf8))
        parser.delegate = collector
        #expect(parser.parse(), "not well-formed: \(String(describing: parser.parserError))")
        #expect(collector.svgCount == 3)
        // Payout bars: per type, currency and kind (beneficiaries added up), before and after.
        var expected: [String: Int] = [:]
        for t in summary["by_type"] as! [[String: Any]] {
            for p in t["payouts"] as! [[String: Any]] {
                let key = "\(t["type"]!)/\(p["currency"]!)/\(p["kind"]!)"
                expected[key + "/base", default: 0] += p["base_minor"] as! Int
                expected[key + "/new", default: 0] += p["new_minor"] as! Int
            }
        }
        #expect(collector.bars == expected)
        // Transition matrix: every transition's count, and zero elsewhere.
        var transitions: [String: Int] = [:]
        for t in summary["transitions"] as! [[String: Any]] { transitions["\(t["from"]!)->\(t["to"]!)"] = t["count"] as? Int }
        #expect(collector.cells.filter { $0.value > 0 } == transitions)
        // Distribution: one bar per bucket.
        var buckets: [String: Int] = [:]
        for b in summary["distribution"] as! [[String: Any]] { buckets["\(b["low_minor"]!)..\(b["high_minor"]!)"] = b["count"] as? Int }
        #expect(collector.buckets.filter { $0.value > 0 } == buckets)
        #expect(collector.cards["records"] == summary["records"] as? Int)
        #expect(collector.cards["changed"] == summary["changed"] as? Int)
    }

    // MARK: - Inputs

    @Test func everyRecordIsCountedOnceBadLinesIncludedAndStandardInputWorks() throws {
        let lines = [try CLI.inputLine("diff/history.jsonl", 5), "not json", "", "{\"id\":\"x\"}", try CLI.inputLine("diff/history.jsonl", 6)]
        let r = try CLI.run(Self.args + ["--format", "json", "-"], stdin: lines.joined(separator: "\n") + "\n")
        #expect(r.status == 0, "\(r)")
        let summary = try #require(try Self.object(r.stdout)["summary"] as? [String: Any])
        #expect(summary["records"] as? Int == 5)
        #expect(summary["undecided"] as? Int == 3)
        #expect(summary["changed"] as? Int == 2)
    }

    @Test func aLoneDocumentIsOneRecord() throws {
        let scratch = try Scratch()
        let line = try CLI.inputLine("diff/history.jsonl", 5)
        let pretty = try JSONSerialization.data(withJSONObject: try JSONSerialization.jsonObject(with: Data(line.utf8)), options: [.prettyPrinted])
        let file = try scratch.write("one.json", String(decoding: pretty, as: UTF8.self))
        let r = try CLI.run(Self.args + ["--format", "json", file])
        let summary = try #require(try Self.object(r.stdout)["summary"] as? [String: Any])
        #expect(summary["records"] as? Int == 1)
        #expect(summary["changed"] as? Int == 1)
    }

    // MARK: - --max-increase

    @Test func maxIncreaseExitsWithFourWhenPayoutsGrowByMore() throws {
        // Referrer credit grows by $435.00 and cash shrinks: in all, USD payouts shrink by $45.00.
        // With a $35 starter tier instead, 87 referrals get $10 more each: $870.00.
        let within = try CLI.run(Self.args + ["--max-increase", "0", Self.history])
        #expect(within.status == 0, "\(within)")
        #expect(within.stdout.contains("within the limit: payouts in USD would shrink by $45.00, within the $0.00 allowed"))
        let scratch = try Scratch()
        let grown = try scratch.write("grown/marketplace-v2.yaml", try String(contentsOfFile: CLI.packageRoot.appendingPathComponent("policies/marketplace-v2.yaml").path, encoding: .utf8)
            .replacingOccurrences(of: "amount: 25.00", with: "amount: 35.00"))
        _ = try scratch.write("grown/marketplace-v1.yaml", try String(contentsOfFile: CLI.packageRoot.appendingPathComponent("policies/marketplace-v1.yaml").path, encoding: .utf8))
        let over = try CLI.run(["diff", "--base", "policies/", "--policy", URL(fileURLWithPath: grown).deletingLastPathComponent().path,
                                "--max-increase", "USD:100.00", "--max-increase", "EUR:1", "--format", "json", Self.history])
        #expect(over.status == 4, "\(over)")
        #expect(over.stderr.contains("payouts in USD would grow by $870.00, more than the $100.00 allowed"), "\(over.stderr)")
        let limits = try #require(try Self.object(over.stdout)["max_increase"] as? [[String: Any]])
        #expect(limits.count == 2)
        #expect(limits[0]["exceeded"] as? Bool == true && limits[0]["increase_minor"] as? Int == 87000)
        #expect(limits[1]["exceeded"] as? Bool == false)
        let bad = try CLI.run(Self.args + ["--max-increase", "XYZ:5", Self.history])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("unknown currency `XYZ`"))
    }

    // MARK: - --merge

    @Test func mergedPartitionsAddUpToTheWholeRun() throws {
        let scratch = try Scratch()
        let all = try String(contentsOfFile: CLI.packageRoot.appendingPathComponent(Self.history).path, encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let a = try scratch.write("a.jsonl", all[..<250].joined(separator: "\n") + "\n")
        let b = try scratch.write("b.jsonl", all[250...].joined(separator: "\n") + "\n")
        for (name, input) in [("a.json", a), ("b.json", b)] {
            let r = try CLI.run(Self.args + ["--format", "json", "--output", scratch.url.appendingPathComponent(name).path, input])
            #expect(r.status == 0, "\(r)")
        }
        let whole = try Self.object(try CLI.run(Self.args + ["--format", "json", Self.history]).stdout)["summary"] as! [String: Any]
        let merged = try CLI.run(["diff", "--merge", "--format", "json", scratch.url.appendingPathComponent("a.json").path,
                                  scratch.url.appendingPathComponent("b.json").path])
        #expect(merged.status == 0, "\(merged)")
        let m = try #require(try Self.object(merged.stdout)["summary"] as? [String: Any])
        for key in ["records", "changed", "undecided", "undecided_base", "undecided_new"] {
            #expect(m[key] as? Int == whole[key] as? Int, "\(key)")
        }
        for key in ["transitions", "payouts", "by_type", "distribution"] {
            #expect(NSArray(array: m[key] as! [Any]).isEqual(to: whole[key] as! [Any]), "\(key)")
        }
        #expect((m["referrers"] as? [Any])?.count == 10)
        #expect(m["referrers_complete"] as? Bool == false)
        let text = try CLI.run(["diff", "--merge", scratch.url.appendingPathComponent("a.json").path,
                                scratch.url.appendingPathComponent("b.json").path, "--max-increase", "0"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("Impact on 600 records"))
    }

    @Test func mergeRefusesWhatIsNotAReportAndReportsOfOtherPolicies() throws {
        let scratch = try Scratch()
        let notReport = try scratch.write("x.json", "{\"summary\": 1}")
        let r = try CLI.run(["diff", "--merge", notReport])
        #expect(r.status == 2)
        #expect(r.stderr.contains("not a report of `referral-policy diff --format json`"))
        let one = scratch.url.appendingPathComponent("one.json").path
        let other = scratch.url.appendingPathComponent("other.json").path
        _ = try CLI.run(Self.args + ["--format", "json", "--output", one, Self.history])
        _ = try CLI.run(["diff", "--base", "policies/", "--policy", "policies/", "--format", "json", "--output", other, Self.history])
        let mixed = try CLI.run(["diff", "--merge", one, other])
        #expect(mixed.status == 2)
        #expect(mixed.stderr.contains("report 2 compares other policies than report 1"), "\(mixed.stderr)")
    }

    // MARK: - Git base

    /// A temporary git repository holding the shipped policies, with the change not committed.
    static func repository() throws -> Scratch {
        let repo = try Scratch()
        func git(_ args: String...) throws {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com"] + args
            p.currentDirectoryURL = repo.url
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            #expect(p.terminationStatus == 0, "git \(args)")
        }
        try git("init", "-q")
        for name in ["marketplace-v1.yaml", "marketplace-v2.yaml", "marketplace.tests.yaml"] {
            _ = try repo.write("policies/" + name, try String(contentsOfFile: CLI.packageRoot.appendingPathComponent("policies/" + name).path, encoding: .utf8))
        }
        try git("add", ".")
        try git("commit", "-q", "-m", "policies as shipped")
        for name in ["marketplace-v1.yaml", "marketplace-v2.yaml"] {
            _ = try repo.write("policies/" + name, try String(contentsOfFile: CLI.packageRoot.appendingPathComponent(Self.newPolicy + "/" + name).path, encoding: .utf8))
        }
        return repo
    }

    @Test func gitBaseReadsTheSameFilesAtTheRevision() throws {
        let repo = try Self.repository()
        let history = CLI.packageRoot.appendingPathComponent(Self.history).path
        let r = try CLI.run(["diff", "--base", "git:HEAD", "--policy", "policies/", "--format", "json", history], in: repo.url)
        #expect(r.status == 0, "\(r)")
        let doc = try Self.object(r.stdout)
        let base = try #require(doc["base"] as? [[String: Any]])
        #expect(base.compactMap { $0["file"] as? String } == ["HEAD:policies/marketplace-v1.yaml", "HEAD:policies/marketplace-v2.yaml"])
        let changes = try #require((doc["rules"] as? [String: Any])?["changes"] as? [[String: Any]])
        #expect(changes.contains { $0["text"] as? String == "freelancer.referrer_bonus.starter: amount 25.00 -> 30.00"
            && $0["base_location"] as? String == "HEAD:policies/marketplace-v2.yaml:87"
            && $0["new_location"] as? String == "policies/marketplace-v2.yaml:81" })
        // The same impact as diffing against the shipped folder.
        let direct = try CLI.run(Self.args + ["--format", "json", Self.history])
        let s1 = try #require(doc["summary"] as? [String: Any]), s2 = try #require(try Self.object(direct.stdout)["summary"] as? [String: Any])
        #expect(s1["changed"] as? Int == s2["changed"] as? Int)
        #expect(NSArray(array: s1["payouts"] as! [Any]).isEqual(to: s2["payouts"] as! [Any]))
        // git:REV:PATH names one file.
        let file = try CLI.run(["diff", "--base", "git:HEAD:policies/marketplace-v2.yaml", "--policy", "policies/marketplace-v2.yaml"], in: repo.url)
        #expect(file.status == 0, "\(file)")
        #expect(file.stdout.contains("client.referrer_cash: amount 100.00 -> 120.00"))
        #expect(file.stdout.contains("HEAD:policies/marketplace-v2.yaml:119 -> policies/marketplace-v2.yaml:113"))
    }

    @Test func gitRevisionOrPathThatDoesNotExistIsAUsageError() throws {
        let repo = try Self.repository()
        let rev = try CLI.run(["diff", "--base", "git:no-such-branch", "--policy", "policies/"], in: repo.url)
        #expect(rev.status == 2)
        #expect(rev.stderr.hasPrefix("referral-policy: git revision `no-such-branch` not found"), "\(rev.stderr)")
        let path = try CLI.run(["diff", "--base", "git:HEAD:elsewhere/", "--policy", "policies/"], in: repo.url)
        #expect(path.status == 2)
        #expect(path.stderr == "referral-policy: `elsewhere/` does not exist at git revision `HEAD`\n", "\(path.stderr)")
    }

    // MARK: - Errors on both sides

    @Test func invalidBaseOrNewPrintsDiagnosticsAsValidateDoesAndDecidesNothing() throws {
        let invalid = CLI.inputs + "/invalid/policy.yaml"
        let validate = try CLI.run(["validate", invalid])
        let base = try CLI.run(["diff", "--base", invalid, "--policy", "policies/", Self.history])
        #expect(base.status == 1)
        #expect(base.stdout.isEmpty)
        #expect(base.stderr == validate.stdout)
        let new = try CLI.run(["diff", "--base", "policies/", "--policy", invalid, Self.history])
        #expect(new.status == 1)
        #expect(new.stderr == validate.stdout)
        let both = try CLI.run(["diff", "--base", invalid, "--policy", invalid])
        #expect(both.status == 1)
        #expect(both.stderr == validate.stdout + validate.stdout)
        let missing = try CLI.run(["diff", "--base", "no/such/folder", "--policy", "policies/"])
        #expect(missing.status == 2)
        let noBase = try CLI.run(["diff", "--policy", "policies/"])
        #expect(noBase.status == 2)
        #expect(noBase.stderr.contains("name the policy before the change with --base"))
        let otherProgram = try CLI.run(["diff", "--base", CLI.program, "--policy", "policies/"])
        #expect(otherProgram.status == 2)
        #expect(otherProgram.stderr.contains("diff compares two versions of one program"))
    }
}

/// Collects the numbers the HTML report's charts stand for, from their `data-` attributes.
final class ChartCollector: NSObject, XMLParserDelegate {
    var svgCount = 0
    var bars: [String: Int] = [:]
    var cells: [String: Int] = [:]
    var buckets: [String: Int] = [:]
    var cards: [String: Int] = [:]
    private var group: String?

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if name == "svg" { svgCount += 1 }
        if attributes["class"] == "payout-group" {
            group = "\(attributes["data-type"]!)/\(attributes["data-currency"]!)/\(attributes["data-kind"]!)"
        }
        if name == "rect", let side = attributes["data-side"], let group, let minor = attributes["data-minor"].flatMap(Int.init) {
            bars[group + "/" + side] = minor
        }
        if attributes["class"] == "cell", let from = attributes["data-from"], let to = attributes["data-to"] {
            cells["\(from)->\(to)"] = Int(attributes["data-count"] ?? "")
        }
        if name == "rect", let low = attributes["data-low-minor"], let high = attributes["data-high-minor"] {
            buckets["\(low)..\(high)"] = Int(attributes["data-count"] ?? "")
        }
        for key in ["records", "changed", "undecided"] {
            if let v = attributes["data-" + key].flatMap(Int.init) { cards[key] = v }
        }
    }
}
