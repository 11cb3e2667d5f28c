import Foundation
import ReferralPolicy

/// Reads a policy test file (`*.tests.yaml`) as strictly as a policy: unknown keys, wrong
/// types, and references to rules, versions or statuses the policy does not have are
/// diagnostics with line:column.
struct PolicyTestParser: NodeReader {
    let file: String?
    var diagnostics: [Diagnostic] = []

    init(file: String) {
        self.file = file
    }

    /// Parses the file, loads the policy it names, and checks every case against it.
    mutating func parse(source: String, limits: LoadLimits) -> (file: PolicyTestFile?, policyDiagnostics: [Diagnostic]) {
        let path = file ?? "tests.yaml"
        let (root, loadDiagnostics) = YAMLLoader(text: source, limits: limits, file: file).load()
        diagnostics += loadDiagnostics
        guard let root else { return (nil, []) }
        guard let top = fields(root, "the test file", allowed: ["policy", "cases"], required: ["cases"]) else { return (nil, []) }
        let folder = (path as NSString).deletingLastPathComponent
        var policyPath = folder.isEmpty ? "." : folder
        if let node = top["policy"], let given = text(node, "`policy`") {
            let joined = given.hasPrefix("/") || folder.isEmpty ? given : (folder as NSString).appendingPathComponent(given)
            policyPath = (joined as NSString).standardizingPath
        }
        let loaded = PolicySet.load(paths: [policyPath], limits: limits)
        guard let set = loaded.set else {
            report(.unreadableFile, "the policy `\(policyPath)` this file tests does not load", top["policy"]?.location ?? root.location,
                   help: "fix the policy's diagnostics first, or point `policy:` at the policy file or folder")
            return (nil, loaded.diagnostics)
        }
        let rules = RuleCatalog(set)
        var cases: [PolicyTestCase] = []
        var names: [String: SourceLocation] = [:]
        for item in top["cases"].map({ list($0, "`cases`") }) ?? [] {
            guard let c = testCase(item, set: set, rules: rules, folder: folder) else { continue }
            if let first = names[c.name] {
                report(.duplicateCaseName, "a case named `\(c.name)` already exists", c.location,
                       help: "the first is at line \(first.line); give each case its own name")
                continue
            }
            names[c.name] = c.location
            cases.append(c)
        }
        if cases.isEmpty, !diagnostics.hasErrors {
            report(.missingKey, "the test file has no cases", top["cases"]?.location ?? root.location,
                   help: "add cases with `name`, `snapshot` and `expect`")
        }
        return (PolicyTestFile(path: path, policies: set, cases: cases), loaded.diagnostics.filter { $0.severity == .error })
    }

    private mutating func testCase(_ node: YNode, set: PolicySet, rules: RuleCatalog, folder: String) -> PolicyTestCase? {
        guard let f = fields(node, "a test case", allowed: ["name", "snapshot", "skip", "expect"], required: ["name", "snapshot", "expect"]),
              let name = f["name"].flatMap({ text($0, "`name`") }) else { return nil }
        let skip = f["skip"].flatMap { text($0, "`skip`") }
        let currency = set.policies.first?.model.currency ?? Currency(code: "USD")!
        var snapshot: Snapshot?
        if let node = f["snapshot"] {
            snapshot = readSnapshot(node, caseName: name, folder: folder, currency: currency, set: set, rules: rules)
        }
        guard let expectNode = f["expect"], let expectation = expectation(expectNode, set: set, rules: rules, currency: currency),
              let snapshot else { return nil }
        return PolicyTestCase(name: name, location: f.values["name"]?.key.location ?? node.location, skip: skip,
                              snapshot: snapshot, expectation: expectation)
    }

    // MARK: - Snapshots

    /// The case's snapshot, decoded exactly as `evaluate` decodes it with this policy
    /// (``PolicySet/decodeSnapshot(_:)``: attributes the policy declares may stand directly on
    /// the referrer or referee). A field the decoder refuses is reported at its key in an
    /// inline snapshot, and by its path for a snapshot file.
    private mutating func readSnapshot(_ node: YNode, caseName: String, folder: String, currency: Currency, set: PolicySet,
                                       rules: RuleCatalog) -> Snapshot? {
        var bytes: [UInt8]
        var inline = false
        if case .scalar(let relative, _) = node.kind, !node.isNull {
            let full = relative.hasPrefix("/") ? relative : (folder.isEmpty ? relative : folder + "/" + relative)
            guard let data = FileManager.default.contents(atPath: full) else {
                report(.unreadableFile, "cannot read the snapshot file `\(relative)`", node.location,
                       help: "paths are relative to the test file's folder")
                return nil
            }
            bytes = Array(data)
        } else if case .mapping = node.kind {
            var writer = SnapshotJSON(currency: currency, defaultID: PolicyParser.suggestIdentifier(caseName))
            writer.units = rules.units
            writer.eventCurrencies = rules.eventCurrencies
            guard let json = writer.json(node) else {
                for (message, location) in writer.problems {
                    report(.invalidTestSnapshot, message, location, help: "amounts are written like `150.00`, instants like `2025-07-10T09:00:00Z`")
                }
                return nil
            }
            bytes = json
            inline = true
        } else {
            wrongType(node, "`snapshot`", "a path to a snapshot file or the snapshot itself")
            return nil
        }
        do {
            return try set.decodeSnapshot(bytes)
        } catch {
            let location = inline ? error.path.flatMap { SnapshotJSON.location(of: $0, in: node) } ?? node.location : node.location
            report(.invalidTestSnapshot, "the snapshot is not valid: \(error.description)", location,
                   help: "see docs/snapshots-and-decisions.md for the snapshot's fields")
            return nil
        }
    }

    // MARK: - Expectations

    private mutating func expectation(_ node: YNode, set: PolicySet, rules: RuleCatalog, currency: Currency) -> PolicyTestCase.Expectation? {
        guard let f = fields(node, "`expect`", allowed: ["status", "version", "reason", "qualified_at", "rewards", "progress", "milestones"],
                             required: []) else { return nil }
        var e = PolicyTestCase.Expectation()
        if let n = f["status"], let word = text(n, "`status`") {
            if let s = Decision.Status(rawValue: word) { e.status = s } else {
                invalidChoice(word, "`status`", Decision.Status.allCases.map(\.rawValue), n.location)
            }
        }
        if let n = f["version"], let v = text(n, "`version`") {
            let versions = set.policies.map(\.identity.version)
            if versions.contains(v) { e.version = v } else {
                report(.unknownVersion, "the policy has no version `\(v)`", n.location,
                       help: "versions: " + versions.map { "`\($0)`" }.joined(separator: ", "))
            }
        }
        if let n = f["reason"] { e.reason = rule(n, rules, kinds: [.eligibility, .reversal], what: "eligibility or reversal rule") }
        if let n = f["qualified_at"] { e.qualifiedAt = instant(n, "`qualified_at`") }
        if let n = f["rewards"] {
            e.rewards = list(n, "`rewards`").compactMap { rewardExpectation($0, rules, currency: currency) }
        }
        if let n = f["progress"] {
            e.progress = list(n, "`progress`").compactMap { progressExpectation($0, rules, currency: currency) }
        }
        if let n = f["milestones"] {
            e.milestones = list(n, "`milestones`").compactMap { milestoneExpectation($0, rules) }
        }
        return e
    }

    private mutating func rewardExpectation(_ node: YNode, _ rules: RuleCatalog, currency: Currency) -> PolicyTestCase.RewardExpectation? {
        guard let f = fields(node, "an expected reward", allowed: ["rule", "beneficiary", "kind", "amount", "currency", "payable_at",
                                                                   "expires_at", "limited_by"], required: []) else { return nil }
        var r = PolicyTestCase.RewardExpectation()
        r.rule = f["rule"].flatMap { rule($0, rules, kinds: [.reward, .tier], what: "reward or tier") }
        if let n = f["beneficiary"], let w = text(n, "`beneficiary`") {
            if let b = Beneficiary(rawValue: w) { r.beneficiary = b } else { invalidChoice(w, "`beneficiary`", Beneficiary.allCases.map(\.rawValue), n.location) }
        }
        if let n = f["kind"], let w = text(n, "`kind`") {
            if let k = RewardKind(rawValue: w) { r.kind = k } else { invalidChoice(w, "`kind`", RewardKind.allCases.map(\.rawValue), n.location) }
        }
        var amountCurrency = r.rule.flatMap { rules.amountCurrencies[$0] } ?? currency
        if let n = f["currency"], let code = text(n, "`currency`"), let c = currencyNamed(code, n.location, units: rules.units) {
            r.currency = c.code
            amountCurrency = c
        }
        r.amountMinor = f["amount"].flatMap { money($0, "`amount`", currency: amountCurrency) }?.minorUnits
        r.payableAt = f["payable_at"].flatMap { instant($0, "`payable_at`") }
        r.expiresAt = f["expires_at"].flatMap { instant($0, "`expires_at`") }
        r.limitedBy = f["limited_by"].flatMap { rule($0, rules, kinds: [.limit], what: "limit") }
        return r
    }

    private mutating func progressExpectation(_ node: YNode, _ rules: RuleCatalog, currency: Currency) -> PolicyTestCase.ProgressExpectation? {
        guard let f = fields(node, "an expected progress", allowed: ["requirement", "have", "need", "deadline", "milestone"], required: ["requirement"]),
              let reqNode = f["requirement"], let id = rule(reqNode, rules, kinds: [.requirement], what: "requirement") else { return nil }
        var p = PolicyTestCase.ProgressExpectation(requirement: id)
        let isMoney = rules.moneyRequirements.contains(id)
        for key in ["have", "need"] {
            guard let n = f[key] else { continue }
            let value = isMoney ? money(n, "`\(key)`", currency: rules.amountCurrencies[id] ?? currency)?.minorUnits : integer(n, "`\(key)`", min: 0)
            if key == "have" { p.have = value } else { p.need = value }
        }
        p.deadline = f["deadline"].flatMap { instant($0, "`deadline`") }
        if let n = f["milestone"] {
            if n.scalar == "none" { p.towardType = true } else { p.milestone = milestone(n, rules) }
        }
        return p
    }

    private mutating func milestoneExpectation(_ node: YNode, _ rules: RuleCatalog) -> PolicyTestCase.MilestoneExpectation? {
        guard let f = fields(node, "an expected milestone", allowed: ["milestone", "status", "reached_at"], required: ["milestone"]),
              let n = f["milestone"], let id = milestone(n, rules) else { return nil }
        var m = PolicyTestCase.MilestoneExpectation(milestone: id)
        if let s = f["status"], let word = text(s, "`status`") {
            if let status = Decision.Milestone.Status(rawValue: word) { m.status = status } else {
                invalidChoice(word, "`status`", Decision.Milestone.Status.allCases.map(\.rawValue), s.location)
            }
        }
        m.reachedAt = f["reached_at"].flatMap { instant($0, "`reached_at`") }
        return m
    }

    /// A milestone id: a milestone of `milestones:`, or a reward with its own `when`.
    private mutating func milestone(_ node: YNode, _ rules: RuleCatalog) -> String? {
        guard let id = text(node, "a milestone id") else { return nil }
        let candidates = rules.milestones
        if candidates.contains(id) { return id }
        report(.unknownRule, "the policy has no milestone `\(id)`", node.location,
               help: Suggestion.help(for: id, among: candidates, listUpTo: 8) ?? "a milestone is an entry of `milestones:`, or a reward with its own `when`")
        return nil
    }

    /// A rule id the policy defines, of one of `kinds`; otherwise a diagnostic with "did you mean".
    private mutating func rule(_ node: YNode, _ rules: RuleCatalog, kinds: Set<CoverageSite.Kind>, what: String) -> String? {
        guard let id = text(node, "a \(what) id") else { return nil }
        let candidates = rules.ids(of: kinds)
        if candidates.contains(id) { return id }
        report(.unknownRule, "the policy has no \(what) `\(id)`", node.location,
               help: Suggestion.help(for: id, among: candidates, listUpTo: 8) ?? "rule ids are listed by `referral-policy test --coverage`")
        return nil
    }
}

/// The ids a policy set defines, by kind, across all its versions.
struct RuleCatalog {
    let sites: [CoverageSite]
    /// Ids of `sum` requirements, whose progress is money.
    let moneyRequirements: Set<String>
    /// The currency of each reward's, tier's and `sum` requirement's amounts, by id.
    let amountCurrencies: [String: Currency]
    /// The units the versions declare, and the currency of each event type's amounts.
    let units: [Currency]
    let eventCurrencies: [String: Currency]
    /// Ids of milestones: `milestones:` entries, and rewards with a `when` of their own.
    let milestones: [String]

    init(_ set: PolicySet) {
        sites = set.policies.flatMap { CoverageSite.all(in: $0.model) }
        moneyRequirements = Set(set.policies.flatMap { CoverageSite.moneyRequirements(in: $0.model) })
        amountCurrencies = set.amountCurrencies
        units = set.declaredUnits
        eventCurrencies = set.eventCurrencies
        var seen: Set<String> = []
        milestones = set.policies.flatMap { CoverageSite.milestones(in: $0.model) }.filter { seen.insert($0).inserted }
    }

    func ids(of kinds: Set<CoverageSite.Kind>) -> [String] {
        var seen: Set<String> = []
        return sites.filter { kinds.contains($0.kind) && seen.insert($0.id).inserted }.map(\.id)
    }
}
