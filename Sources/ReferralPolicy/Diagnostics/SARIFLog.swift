/// Writes a SARIF 2.1.0 log: `DiagnosticRenderer` for diagnostics, `referral-policy test` for
/// failing cases. Paths become URI references relative to `%SRCROOT%` (absolute paths become
/// `file://` URIs), percent-encoded.
package struct SARIFLog {
    /// One rule of the tool's driver.
    package struct Rule {
        package var id: String
        package var name: String
        package var summary: String
        /// The section in `docs/diagnostics.md`, or nil for a rule documented elsewhere.
        package var anchor: String?
        /// `error` or `warning`.
        package var level: String
        /// The full URI of its help, when it is not in `docs/diagnostics.md`.
        package var helpURI: String?

        package init(id: String, name: String, summary: String, anchor: String?, level: String, helpURI: String? = nil) {
            self.id = id
            self.name = name
            self.summary = summary
            self.anchor = anchor
            self.level = level
            self.helpURI = helpURI
        }
    }

    private struct Result {
        var ruleID: String
        var level: String
        var message: String
        var file: String?
        var location: SourceLocation?
        var snippet: String?
    }

    /// Where `docs/diagnostics.md` is published; the relative reference `docs/diagnostics.md` when nil.
    package let documentationURL: String?
    private var results: [Result] = []

    package init(documentationURL: String?) {
        self.documentationURL = documentationURL
    }

    /// Adds a result; the help line, when there is one, follows the message on its own line.
    package mutating func result(ruleID: String, level: String, message: String, help: String?,
                                 file: String?, location: SourceLocation?, snippet: String?) {
        var text = message
        if let help { text += "\nhelp: " + help }
        results.append(Result(ruleID: ruleID, level: level, message: text, file: file, location: location,
                              snippet: snippet))
    }

    /// The log as one pretty-printed JSON document and a line break. Of `rules`, those the
    /// results refer to are written, in the order given, so a log lists what it uses.
    package func render(rules all: [Rule]) -> String {
        let used = Set(results.map(\.ruleID))
        var rules: [Rule] = []
        var index: [String: Int] = [:]
        for rule in all where used.contains(rule.id) && index[rule.id] == nil {
            index[rule.id] = rules.count
            rules.append(rule)
        }
        var w = JSONOutput(pretty: true)
        w.beginObject()
        w.key("$schema"); w.string(DiagnosticRenderer.sarifSchema)
        w.key("version"); w.string(DiagnosticRenderer.sarifVersion)
        w.key("runs")
        w.beginArray()
        w.element()
        w.beginObject()
        w.key("tool")
        w.beginObject()
        w.key("driver")
        w.beginObject()
        w.key("name"); w.string("referral-policy")
        w.key("version"); w.string(ReferralPolicyVersion.current)
        w.key("semanticVersion"); w.string(ReferralPolicyVersion.current)
        w.key("informationUri"); w.string(documentationURL ?? "docs/diagnostics.md")
        w.key("rules")
        w.beginArray()
        for rule in rules {
            w.element()
            w.beginObject()
            w.key("id"); w.string(rule.id)
            w.key("name"); w.string(rule.name)
            w.key("shortDescription")
            w.beginObject()
            w.key("text"); w.string(rule.summary)
            w.endObject()
            if let uri = rule.helpURI ?? rule.anchor.map({ (documentationURL ?? "docs/diagnostics.md") + "#" + $0 }) {
                w.key("helpUri"); w.string(uri)
            }
            w.key("defaultConfiguration")
            w.beginObject()
            w.key("level"); w.string(rule.level)
            w.endObject()
            w.endObject()
        }
        w.endArray()
        w.endObject()
        w.endObject()
        w.key("columnKind"); w.string("unicodeCodePoints")
        w.key("originalUriBaseIds")
        w.beginObject()
        w.key("%SRCROOT%")
        w.beginObject()
        w.key("description")
        w.beginObject()
        w.key("text"); w.string("the folder referral-policy ran in; result paths are relative to it")
        w.endObject()
        w.endObject()
        w.endObject()
        w.key("results")
        w.beginArray()
        for r in results {
            w.element()
            w.beginObject()
            w.key("ruleId"); w.string(r.ruleID)
            if let i = index[r.ruleID] { w.key("ruleIndex"); w.integer(i) }
            w.key("level"); w.string(r.level)
            w.key("message")
            w.beginObject()
            w.key("text"); w.string(r.message)
            w.endObject()
            if let file = r.file {
                w.key("locations")
                w.beginArray()
                w.element()
                w.beginObject()
                w.key("physicalLocation")
                w.beginObject()
                w.key("artifactLocation")
                w.beginObject()
                w.key("uri"); w.string(Self.uri(file))
                if !file.hasPrefix("/") { w.key("uriBaseId"); w.string("%SRCROOT%") }
                w.endObject()
                if let location = r.location, location.line >= 1 {
                    w.key("region")
                    w.beginObject()
                    w.key("startLine"); w.integer(location.line)
                    w.key("startColumn"); w.integer(max(location.column, 1))
                    if let snippet = r.snippet {
                        w.key("snippet")
                        w.beginObject()
                        w.key("text"); w.string(snippet)
                        w.endObject()
                    }
                    w.endObject()
                }
                w.endObject()
                w.endObject()
                w.endArray()
            }
            w.endObject()
        }
        w.endArray()
        w.endObject()
        w.endArray()
        w.endObject()
        return w.text + "\n"
    }

    /// A path as a URI reference: percent-encoded except for unreserved characters and `/`;
    /// an absolute path as a `file://` URI. `./` at the start is dropped.
    package static func uri(_ path: String) -> String {
        var path = path
        while path.hasPrefix("./") { path.removeFirst(2) }
        var out = path.hasPrefix("/") ? "file://" : ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                out += "%"
                out.unicodeScalars.append(hex[Int(byte >> 4)])
                out.unicodeScalars.append(hex[Int(byte & 15)])
            }
        }
        return out
    }
}
