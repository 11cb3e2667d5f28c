import Foundation
import Testing

/// The tz database from the command's side: a machine without it, or with a damaged file,
/// gets RP421 (never a crash or a guess); a UTC program needs none; `TZDIR` names another copy.
@Suite struct TimeZoneCommandTests {
    static let uk = """
        program: uk
        version: "1"
        currency: GBP
        time_zone: Europe/London
        events:
          card_payment:
            amount: true
        referral_types:
          friend:
            requirements:
              - count: card_payment
            rewards:
              - to: referrer
                kind: cash
                amount: 50.00

        """

    struct Reported: Decodable {
        struct Item: Decodable { var file: String; var line: Int; var column: Int; var code: String; var severity: String; var message: String; var help: String? }
        var diagnostics: [Item]
    }

    /// `file:line:col: severity[CODE]: message` and the help line, from `--format json`.
    static func described(_ json: String) throws -> String {
        let report = try JSONDecoder().decode(Reported.self, from: Data(json.utf8))
        return report.diagnostics.map { d in
            "\(d.file):\(d.line):\(d.column): \(d.severity)[\(d.code)]: \(d.message)" + (d.help.map { "\n  help: \($0)" } ?? "")
        }.joined(separator: "\n")
    }

    @Test func missingDatabase() throws {
        let scratch = try Scratch()
        _ = try scratch.write("uk.yaml", Self.uk)
        let missing = "/nonexistent/zoneinfo"
        let json = try CLI.run(["validate", "--format", "json", "uk.yaml"], in: scratch.url, environment: ["TZDIR": missing])
        #expect(json.status == 1, "\(json)")
        let text = try Self.described(json.stdout)
        #expect(text == """
            uk.yaml:4:12: error[RP421]: cannot read time zone `Europe/London`: there is no time zone database at `/nonexistent/zoneinfo`
              help: install it (Debian and Ubuntu: `apt-get install tzdata`), or set `TZDIR` to the folder that holds it
            """)
        // docs/diagnostics.md shows this text.
        let doc = try String(contentsOf: CLI.packageRoot.appendingPathComponent("docs/diagnostics.md"), encoding: .utf8)
        #expect(doc.contains("(from `TimeZoneCommandTests.missingDatabase`):\n\n```text\n\(text)\n```"))
        // Rendered for a person: the line, a caret under the zone.
        let rendered = try CLI.run(["validate", "--color", "never", "uk.yaml"], in: scratch.url, environment: ["TZDIR": missing])
        #expect(rendered.stdout.hasPrefix("""
            uk.yaml:4:12: error[RP421]: cannot read time zone `Europe/London`: there is no time zone database at `/nonexistent/zoneinfo`
               4 | time_zone: Europe/London
                 |            ^
            """), "\(rendered.stdout)")
        // Nothing is decided with a policy that did not load.
        let evaluated = try CLI.run(["evaluate", "--policy", "uk.yaml"], stdin: "{}", in: scratch.url, environment: ["TZDIR": missing])
        #expect(evaluated.status == 1)
        #expect(evaluated.stdout.isEmpty)
    }

    @Test func aUTCProgramNeedsNoDatabase() throws {
        let scratch = try Scratch()
        _ = try scratch.write("utc.yaml", Self.uk.replacingOccurrences(of: "Europe/London", with: "UTC"))
        _ = try scratch.write("none.yaml", Self.uk.replacingOccurrences(of: "time_zone: Europe/London\n", with: ""))
        for file in ["utc.yaml", "none.yaml"] {
            let result = try CLI.run(["validate", "--strict", file], in: scratch.url, environment: ["TZDIR": "/nonexistent/zoneinfo"])
            #expect(result.status == 0, "\(file): \(result)")
        }
    }

    @Test func aDamagedZoneFile() throws {
        let scratch = try Scratch()
        _ = try scratch.write("uk.yaml", Self.uk)
        let london = try Data(contentsOf: URL(fileURLWithPath: "/usr/share/zoneinfo/Europe/London"))
        let damaged = try scratch.write("zoneinfo/Europe/London", "")
        try london.prefix(200).write(to: URL(fileURLWithPath: damaged))
        let json = try CLI.run(["validate", "--format", "json", "uk.yaml"], in: scratch.url, environment: ["TZDIR": scratch.url.path + "/zoneinfo"])
        #expect(json.status == 1)
        #expect(try Self.described(json.stdout) == """
            uk.yaml:4:12: error[RP421]: cannot read time zone `Europe/London` from `\(damaged)`: the second header is cut short
              help: reinstall the time zone database (Debian and Ubuntu: `apt-get install --reinstall tzdata`), or set `TZDIR` to a complete copy
            """)
    }

    /// `TZDIR` names the database to read: a copy holding the one zone decides the UK fixture
    /// exactly as the system's database does.
    @Test func tzdirNamesTheDatabase() throws {
        let scratch = try Scratch()
        let london = try Data(contentsOf: URL(fileURLWithPath: "/usr/share/zoneinfo/Europe/London"))
        try london.write(to: URL(fileURLWithPath: try scratch.write("zoneinfo/Europe/London", "")))
        let fixture = "fixtures/time-zone-uk-days/"
        let result = try CLI.run(["evaluate", "--policy", fixture + "policy.yaml", fixture + "snapshot.json"],
                                 environment: ["TZDIR": scratch.url.path + "/zoneinfo"])
        #expect(result.status == 0, "\(result)")
        let expected = try String(contentsOf: CLI.packageRoot.appendingPathComponent(fixture + "decision.json"), encoding: .utf8)
        #expect(result.stdout == expected)
        // A zone the copy does not hold is unknown there, with no suggestion from elsewhere.
        let paris = try scratch.write("paris.yaml", Self.uk.replacingOccurrences(of: "Europe/London", with: "Europe/Paris"))
        let unknown = try CLI.run(["validate", "--format", "json", paris], environment: ["TZDIR": scratch.url.path + "/zoneinfo"])
        #expect(try Self.described(unknown.stdout).hasSuffix("""
            error[RP420]: unknown time zone `Europe/Paris`
              help: write an IANA time zone name such as `Europe/London` or `America/New_York` (the names in the tz database, \(scratch.url.path)/zoneinfo)
            """))
    }

    /// Text output prints the program's local dates and names the zone: a payment at 23:30 UTC
    /// on 30 June is 00:30 on 1 July in London, so the referral qualified on 1 July. The same
    /// program without a zone prints the UTC date, and no zone.
    @Test func textDatesAreTheProgramsLocalDates() throws {
        let scratch = try Scratch()
        _ = try scratch.write("uk.yaml", Self.uk)
        _ = try scratch.write("utc.yaml", Self.uk.replacingOccurrences(of: "time_zone: Europe/London\n", with: ""))
        _ = try scratch.write("r.json", """
            {"id": "r-1", "type": "friend", "as_of": "2025-07-02T12:00:00Z",
             "referrer": {"id": "alice", "status": "active"}, "referee": {"id": "bob", "signup_at": "2025-06-30T20:00:00Z"},
             "events": [{"type": "card_payment", "at": "2025-06-30T23:30:00Z", "amount_minor": 800, "currency": "GBP"}]}
            """)
        let local = try CLI.run(["evaluate", "--format", "text", "--policy", "uk.yaml", "r.json"], in: scratch.url)
        #expect(local.status == 0, "\(local)")
        #expect(local.stdout == """
            r-1 (friend): qualified on 2025-07-01
              policy uk version 1, as of 2025-07-02T12:00:00Z, dates in Europe/London
              rewards:
                £50.00 cash to the referrer, payable 2025-07-01, rule friend.rewards[0]

            """)
        let utc = try CLI.run(["evaluate", "--format", "text", "--policy", "utc.yaml", "r.json"], in: scratch.url)
        #expect(utc.stdout == """
            r-1 (friend): qualified on 2025-06-30
              policy uk version 1, as of 2025-07-02T12:00:00Z
              rewards:
                £50.00 cash to the referrer, payable 2025-06-30, rule friend.rewards[0]

            """)
    }
}
