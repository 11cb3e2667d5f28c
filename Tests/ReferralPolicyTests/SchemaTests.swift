import Foundation
import Testing
@testable import ReferralPolicy
@testable import ReferralPolicyTesting

/// The JSON Schemas of `referral-policy schema`: generated from the language description, held
/// to the parser (every key it accepts, in every place), to the reference's tables, to the
/// committed `schema/*.json`, and checked with a real validator (Python's `jsonschema`, reading
/// YAML the way an editor does) against every valid policy in the repository and against
/// typical mistakes.
@Suite struct SchemaTests {
    static let root = T.packageRoot
    static let inputs = root + "/Tests/ReferralPolicyTests/Inputs/schema"

    // MARK: - The committed schemas

    @Test(arguments: PolicySchema.Document.allCases)
    func committedSchemaIsTheGeneratedOne(_ document: PolicySchema.Document) throws {
        let name = document == .policy ? "policy.schema.json" : "policy-tests.schema.json"
        let committed = try String(contentsOfFile: Self.root + "/schema/" + name, encoding: .utf8)
        #expect(committed == PolicySchema.json(document),
                "schema/\(name) is stale: regenerate it with `swift run referral-policy schema\(document == .tests ? " --tests" : "") > schema/\(name)`")
    }

    /// The shipped policies and their test file open with the editor's schema line, and the
    /// schema it names is there.
    @Test(arguments: [("marketplace-v1.yaml", "policy.schema.json"), ("marketplace-v2.yaml", "policy.schema.json"),
                      ("marketplace.tests.yaml", "policy-tests.schema.json")])
    func shippedFilesNameTheirSchema(_ file: String, _ schema: String) throws {
        let text = try String(contentsOfFile: Self.root + "/policies/" + file, encoding: .utf8)
        let first = text.split(separator: "\n", maxSplits: 1).first.map(String.init)
        #expect(first == "# yaml-language-server: $schema=../schema/" + schema)
        #expect(FileManager.default.fileExists(atPath: Self.root + "/schema/" + schema))
    }

    @Test(arguments: PolicySchema.Document.allCases)
    func schemaIsValidJSONWithItsDraft(_ document: PolicySchema.Document) throws {
        let object = try JSONSerialization.jsonObject(with: Data(PolicySchema.json(document).utf8)) as? [String: Any]
        #expect(object?["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect(object?["additionalProperties"] as? Bool == false)
    }

    // MARK: - The parser and the schema know the same keys

    /// A valid policy, written as JSON (which is YAML), with one object of every kind.
    static let base = """
        {"program": "p", "version": "1", "currency": "USD",
         "units": {"PTS": {"decimals": 0}},
         "effective": {"from": "2025-01-01"},
         "attributes": {"referrer": {"score": "integer"}, "referee": {"plan": "text"}},
         "events": {"spent": {"amount": true, "attributes": {"channel": "text"}}, "refund": {}},
         "eligibility": [{"id": "e1", "field": "referee.plan", "in": ["a"]}],
         "limits": [{"id": "l1", "period": "lifetime", "max_amount": "10.00"}],
         "referral_types": {"t": {
           "window": {"days": 30},
           "requirements": [{"id": "r1", "sum": "spent", "at_least": "1.00",
                             "where": {"channel": {"in": ["x"]}, "amount": {"at_least": "1.00"}}}],
           "rewards": [{"id": "w1", "to": "referrer", "kind": "cash", "amount": "1.00"},
                       {"id": "w2", "to": "referrer", "of": "r1", "tiers": [{"at_least": "1.00", "amount": "1.00", "kind": "cash"}]},
                       {"id": "w3", "to": "referee", "kind": "cash", "amount": {"by": "referee.plan", "table": {"a": "1.00"}, "default": "0"}}],
           "milestones": [{"id": "m1", "when": ["r1", {"nth_referral": 2}],
                           "rewards": [{"id": "w4", "to": "referee", "kind": "credit", "amount": "1.00"}]}],
           "reversal": {"on": ["refund"], "within_days": 10}}}}
        """

    /// Each mapping of the base policy (a path of keys and list positions) and the part of the
    /// language description that says which keys it takes.
    static let places: [(path: [String], shape: ObjectShape)] = [
        ([], PolicyLanguage.top),
        (["effective"], PolicyLanguage.effective),
        (["attributes"], PolicyLanguage.attributes),
        (["events", "spent"], PolicyLanguage.event),
        (["units", "PTS"], PolicyLanguage.unit),
        (["eligibility", "0"], PolicyLanguage.eligibilityRule),
        (["limits", "0"], PolicyLanguage.limit),
        (["referral_types", "t"], PolicyLanguage.referralType),
        (["referral_types", "t", "window"], PolicyLanguage.windowLimits),
        (["referral_types", "t", "requirements", "0"], PolicyLanguage.requirement),
        (["referral_types", "t", "requirements", "0", "where", "channel"], PolicyLanguage.filterComparisons),
        (["referral_types", "t", "requirements", "0", "where", "amount"], PolicyLanguage.amountFilter),
        (["referral_types", "t", "rewards", "0"], PolicyLanguage.reward),
        (["referral_types", "t", "rewards", "1", "tiers", "0"], PolicyLanguage.tier),
        (["referral_types", "t", "rewards", "2", "amount"], PolicyLanguage.amountTable),
        (["referral_types", "t", "reversal"], PolicyLanguage.reversal),
        (["referral_types", "t", "milestones", "0"], PolicyLanguage.milestone),
        (["referral_types", "t", "milestones", "0", "when", "1"], PolicyLanguage.referrerMilestone),
        (["referral_types", "t", "milestones", "0", "rewards", "0"], PolicyLanguage.reward),
    ]

    /// Every key word of the language, the parser's key lists, and words a policy might one day use.
    static let vocabulary: [String] = {
        var words = Set(places.flatMap { $0.shape.keys.map(\.name) })
        words.formUnion(PolicyVocabulary.Context.allCases.flatMap(\.keys))
        words.formUnion(["name", "type", "label", "notes", "priority", "tags", "max", "min", "days", "until", "from", "on",
                         "expires_days", "credit_days", "max_per_referee", "cap", "threshold", "distinct", "filters", "when"])
        return words.sorted()
    }()

    static func insert(_ key: String, at path: [String], into value: Any) -> Any {
        guard let first = path.first else {
            var object = value as? [String: Any] ?? [:]
            object[key] = "x"
            return object
        }
        if var list = value as? [Any], let index = Int(first) {
            list[index] = insert(key, at: Array(path.dropFirst()), into: list[index])
            return list
        }
        var object = value as? [String: Any] ?? [:]
        object[first] = insert(key, at: Array(path.dropFirst()), into: object[first] as Any)
        return object
    }

    @Test func basePolicyIsValid() throws {
        #expect(Policy.load(yaml: Self.base, file: "base.yaml").diagnostics.allSatisfy { $0.severity == .warning })
    }

    /// Puts each word of the vocabulary into each mapping of a valid policy: the parser must
    /// call it an unknown key exactly when the schema's description of that place does not
    /// list it. A key the parser learns, or forgets, fails here until the language
    /// description (and so the schema) follows.
    @Test func parserAndSchemaAcceptTheSameKeysEverywhere() throws {
        let base = try JSONSerialization.jsonObject(with: Data(Self.base.utf8))
        var mismatches: [String] = []
        for (path, shape) in Self.places {
            let known = Set(shape.keys.map(\.name))
            for word in Self.vocabulary {
                let changed = Self.insert(word, at: path, into: base)
                let text = String(decoding: try JSONSerialization.data(withJSONObject: changed, options: [.sortedKeys]), as: UTF8.self)
                let diagnostics = Policy.load(yaml: text, file: "probe.yaml").diagnostics
                // The base policy has no diagnostic, and a known key with a wrong value is
                // another code: an unknown-key diagnostic is this word being refused.
                let refused = diagnostics.contains { $0.code == .unknownKey || $0.code == .misplacedKey }
                if refused == known.contains(word) {
                    let place = path.isEmpty ? "the top level" : path.joined(separator: ".")
                    mismatches.append("`\(word)` at \(place): the parser \(refused ? "refuses" : "accepts") it, the schema \(known.contains(word) ? "lists" : "does not list") it")
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
    }

    /// A valid test file for a small policy, as JSON, with one mapping of every kind.
    static let testBase = """
        {"policy": "policy.yaml", "cases": [{"name": "c", "snapshot": "../qualified.json",
          "expect": {"status": "qualified", "rewards": [{"rule": "client.referrer_cash"}],
                     "progress": [{"requirement": "client.spent_enough"}]}}]}
        """

    static let testPlaces: [(path: [String], shape: ObjectShape)] = [
        ([], TestFileLanguage.top),
        (["cases", "0"], TestFileLanguage.testCase),
        (["cases", "0", "expect"], TestFileLanguage.expectation),
        (["cases", "0", "expect", "rewards", "0"], TestFileLanguage.expectedReward),
        (["cases", "0", "expect", "progress", "0"], TestFileLanguage.expectedProgress),
    ]

    /// The same for policy test files: the test file parser refuses a key in a place exactly
    /// when the test file schema does not list it there.
    @Test func testParserAndTestSchemaAcceptTheSameKeysEverywhere() throws {
        let base = try JSONSerialization.jsonObject(with: Data(Self.testBase.utf8))
        let words = Set(Self.vocabulary + Self.testPlaces.flatMap { $0.shape.keys.map(\.name) }).sorted()
        let file = Self.root + "/Tests/CLITests/Inputs/warning/probe.tests.yaml"
        var baseParser = PolicyTestParser(file: file)
        _ = baseParser.parse(source: Self.testBase, limits: .default)
        #expect(baseParser.diagnostics.isEmpty, "\(baseParser.diagnostics)")
        var mismatches: [String] = []
        for (path, shape) in Self.testPlaces {
            let known = Set(shape.keys.map(\.name))
            for word in words {
                let changed = Self.insert(word, at: path, into: base)
                let text = String(decoding: try JSONSerialization.data(withJSONObject: changed, options: [.sortedKeys]), as: UTF8.self)
                var parser = PolicyTestParser(file: file)
                _ = parser.parse(source: text, limits: .default)
                let refused = parser.diagnostics.contains { $0.code == .unknownKey || $0.code == .misplacedKey }
                if refused == known.contains(word) {
                    let place = path.isEmpty ? "the top level" : path.joined(separator: ".")
                    mismatches.append("`\(word)` at \(place): the parser \(refused ? "refuses" : "accepts") it, the schema \(known.contains(word) ? "lists" : "does not list") it")
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
    }

    @Test func parserKeyListsAreTheSchemasKeyLists() {
        #expect(PolicyVocabulary.TopKey.names.sorted() == PolicyLanguage.top.keys.map(\.name).sorted())
        #expect(PolicyVocabulary.EligibilityKey.names.sorted() == PolicyLanguage.eligibilityRule.keys.map(\.name).sorted())
        #expect(PolicyVocabulary.RequirementKey.names.sorted() == PolicyLanguage.requirement.keys.map(\.name).sorted())
        #expect(PolicyVocabulary.RewardKey.names.sorted() == PolicyLanguage.reward.keys.map(\.name).sorted())
        #expect(PolicyVocabulary.EventTypeKey.names.sorted() == PolicyLanguage.event.keys.map(\.name).sorted())
        #expect(PolicyVocabulary.LimitKey.names.sorted() == PolicyLanguage.limit.keys.map(\.name).sorted())
        #expect(PolicyVocabulary.UnitKey.names.sorted() == PolicyLanguage.unit.keys.map(\.name).sorted())
    }

    // MARK: - The reference's tables and the schema list the same keys

    /// The keys in the first column of each table of a Markdown section (`| \`key\` | ...`),
    /// one set per table that has any.
    static func tableKeys(_ markdown: String, section: String) -> [[String]] {
        var tables: [[String]] = []
        var current: [String]? = nil
        var inSection = false
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("#") {
                let title = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
                inSection = title == section || title.hasPrefix(section + " ")
                if let table = current { tables.append(table); current = nil }
                continue
            }
            guard inSection else { continue }
            if line.hasPrefix("|") {
                let cell = line.split(separator: "|").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
                if cell.hasPrefix("`"), cell.hasSuffix("`"), cell.count > 2 {
                    let key = String(cell.dropFirst().dropLast())
                    if PolicyParser.isIdentifier(key) || key.hasPrefix("cases[].") { current = (current ?? []) + [key] }
                }
            } else if let table = current {
                tables.append(table)
                current = nil
            }
        }
        if let table = current { tables.append(table) }
        return tables
    }

    @Test func referenceTablesListTheSchemasKeys() throws {
        let doc = try String(contentsOfFile: Self.root + "/docs/policy-language.md", encoding: .utf8)
        let sections: [(String, [ObjectShape])] = [
            ("4.1", [PolicyLanguage.top]), ("4.2", [PolicyLanguage.effective]), ("4.3", [PolicyLanguage.attributes]),
            ("4.4", [PolicyLanguage.event]), ("4.5", [PolicyLanguage.eligibilityRule]), ("4.6", [PolicyLanguage.limit]),
            ("4.7", [PolicyLanguage.referralType]), ("4.9", [PolicyLanguage.requirement]),
            ("4.10", [PolicyLanguage.reward, PolicyLanguage.tier, PolicyLanguage.amountTable]), ("4.11", [PolicyLanguage.reversal]),
            ("4.14", [PolicyLanguage.milestone, PolicyLanguage.referrerMilestone]), ("4.15", [PolicyLanguage.unit]),
        ]
        // Each part of the language has a table in its section listing exactly its keys (a
        // section may hold other tables too, such as the fields a rule can test).
        for (section, shapes) in sections {
            let tables = Self.tableKeys(doc, section: section)
            for shape in shapes {
                let keys = shape.keys.map(\.name).sorted()
                #expect(tables.contains { $0.sorted() == keys }, "§\(section) has no table of exactly \(keys); its tables: \(tables)")
            }
        }
    }

    @Test func testingGuideTablesListTheTestSchemasKeys() throws {
        let doc = try String(contentsOfFile: Self.root + "/docs/testing-policies.md", encoding: .utf8)
        let files = Self.tableKeys(doc, section: "Test files").first ?? []
        #expect(files.filter { !$0.hasPrefix("cases[].") }.sorted() == TestFileLanguage.top.keys.map(\.name).sorted())
        #expect(files.filter { $0.hasPrefix("cases[].") }.map { String($0.dropFirst("cases[].".count)) }.sorted()
                == TestFileLanguage.testCase.keys.map(\.name).sorted())
        let expectations = Self.tableKeys(doc, section: "Expectations").first ?? []
        #expect(expectations.sorted() == TestFileLanguage.expectation.keys.map(\.name).sorted())
    }

    // MARK: - A real validator

    struct Checked: Decodable {
        struct Problem: Decodable { var path: String; var message: String }
        var file: String
        var errors: [Problem]
    }

    /// Runs `validate.py` (Python's `jsonschema`, YAML read the YAML 1.2 way) on `files`, from the
    /// package root; with `draft7`, reading the schema as draft-07, as VS Code's YAML extension does.
    static func validate(_ document: PolicySchema.Document, _ files: [String], draft7: Bool = false) throws -> [Checked] {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("schema-\(UUID().uuidString).json")
        try Data(PolicySchema.json(document).utf8).write(to: scratch)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.inputs + "/validate.py"] + (draft7 ? ["--draft7"] : []) + [scratch.path] + files
        process.currentDirectoryURL = URL(fileURLWithPath: Self.root)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ValidatorFailed(message: String(decoding: errors, as: UTF8.self)
                                  + "\n(needs python3 with jsonschema and PyYAML: pip install jsonschema PyYAML)")
        }
        return try String(decoding: output, as: UTF8.self).split(separator: "\n").map {
            try JSONDecoder().decode(Checked.self, from: Data($0.utf8))
        }
    }

    struct ValidatorFailed: Error, CustomStringConvertible { var message: String; var description: String { message } }

    /// Every `*.yaml` below `folder` (relative to the package root), sorted.
    static func yamlFiles(below folder: String) -> [String] {
        let walker = FileManager.default.enumerator(atPath: root + "/" + folder)
        var out: [String] = []
        while let relative = walker?.nextObject() as? String {
            if relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") { out.append(folder + "/" + relative) }
        }
        return out.sorted()
    }

    /// Every policy file in the repository (not test files), and whether it loads without errors.
    static func policies() -> [(path: String, valid: Bool, codes: Set<DiagnosticCode>)] {
        let folders = ["policies", "bench", "fixtures", "examples", "Tests/CLITests/Inputs", "Tests/ReferralPolicyTests/Diagnostics",
                       "Tests/ReferralPolicyTests/Inputs"]
        return folders.flatMap { yamlFiles(below: $0) }
            .filter { !PolicyFiles.isTestFile($0) && !$0.contains("/schema/mistakes/") }
            .map { path in
                let result = Policy.load(contentsOf: root + "/" + path)
                return (path, result.policy != nil, Set(result.diagnostics.filter { $0.severity == .error }.map(\.code)))
            }
    }

    /// Both drafts: the schema's own (2020-12) and draft-07, which editors validate with.
    static let drafts = [false, true]

    @Test(arguments: drafts)
    func everyValidPolicyMatchesTheSchema(draft7: Bool) throws {
        let valid = Self.policies().filter(\.valid).map(\.path)
        #expect(valid.contains("policies/marketplace-v2.yaml") && valid.contains("bench/workload.yaml"))
        #expect(valid.count >= 20, "found only \(valid.count) valid policies")
        for checked in try Self.validate(.policy, valid, draft7: draft7) {
            #expect(checked.errors.isEmpty, "\(checked.file): \(checked.errors.map { "\($0.path): \($0.message)" })")
        }
    }

    /// Diagnostics a schema can express: a policy the checker refuses for one of them, the
    /// schema refuses too. (Not among them: decimals finer than the currency allows, which
    /// depend on the currency named elsewhere in the file, dates that do not exist, and
    /// whatever needs the rest of the policy, such as an event type that is not declared, or a
    /// currency code that is neither ISO 4217 nor a unit declared under `units`: the schema
    /// takes any unit code there.)
    static let schemaCodes: Set<DiagnosticCode> = [.unknownKey, .missingKey, .conflictingKeys, .negativeAmount,
                                                   .negativeDuration, .rootNotMapping, .unitShadowsCurrency]

    @Test(arguments: drafts)
    func policiesWithStructuralErrorsDoNotMatchTheSchema(draft7: Bool) throws {
        let invalid = Self.policies().filter { !$0.valid && !$0.codes.isDisjoint(with: Self.schemaCodes) }
        #expect(invalid.count >= 10, "found only \(invalid.count) policies with structural errors")
        let checked = try Self.validate(.policy, invalid.map(\.path), draft7: draft7)
        for (file, result) in zip(invalid, checked) {
            #expect(!result.errors.isEmpty, "\(file.path) has \(file.codes.map(\.rawValue).sorted()) but matches the schema")
        }
    }

    @Test(arguments: drafts)
    func everyTestFileMatchesTheTestSchema(draft7: Bool) throws {
        let files = Self.yamlFiles(below: "policies").filter(PolicyFiles.isTestFile)
            + Self.yamlFiles(below: "Tests/CLITests/Inputs").filter(PolicyFiles.isTestFile)
            + Self.yamlFiles(below: "examples").filter(PolicyFiles.isTestFile)
        #expect(files.contains("policies/marketplace.tests.yaml"))
        for checked in try Self.validate(.tests, files, draft7: draft7) {
            #expect(checked.errors.isEmpty, "\(checked.file): \(checked.errors.map { "\($0.path): \($0.message)" })")
        }
    }

    /// Typical mistakes, one per file in `Inputs/schema/mistakes/`: what the validator says
    /// about each, compared whole with `mistakes.expected` (the same with either draft).
    @Test(arguments: drafts)
    func typicalMistakesAreRefused(draft7: Bool) throws {
        let files = Self.yamlFiles(below: "Tests/ReferralPolicyTests/Inputs/schema/mistakes")
        var report = ""
        for document in PolicySchema.Document.allCases {
            let mine = files.filter { PolicyFiles.isTestFile($0) == (document == .tests) }
            for checked in try Self.validate(document, mine, draft7: draft7) {
                report += (checked.file as NSString).lastPathComponent + "\n"
                for problem in checked.errors { report += "  \(problem.path): \(problem.message)\n" }
                #expect(!checked.errors.isEmpty, "\(checked.file) matches the schema")
            }
        }
        for file in files {
            let loaded = PolicyFiles.isTestFile(file) ? nil : Policy.load(contentsOf: Self.root + "/" + file)
            #expect(loaded?.policy == nil, "\(file) is a valid policy: the mistake it shows is not one")
        }
        let expected = try String(contentsOfFile: Self.inputs + "/mistakes.expected", encoding: .utf8)
        #expect(report == expected, "actual:\n\(report)")
    }
}
