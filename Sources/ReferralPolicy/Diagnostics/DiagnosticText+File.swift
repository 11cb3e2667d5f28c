/// RP0xx: the file itself, as text and as YAML.
extension DiagnosticText {
    // MARK: RP001 yaml-syntax

    static func yamlSyntax(_ problem: String, help: String? = nil) -> DiagnosticText {
        DiagnosticText(.yamlSyntax, "invalid YAML: \(problem)",
                       help: help ?? "check the indentation and the `- ` markers of this line and the lines above it")
    }

    static let tabIndentationHelp = "indent with spaces; YAML does not allow tabs for indentation"

    static func unclosedBracketHelp(openedAtLine line: Int?) -> String {
        "close the bracket\(line.map { " that opens at line \($0)" } ?? ""), or add the missing `,`"
    }

    static let unclosedQuote = DiagnosticText(.yamlSyntax, "invalid YAML: this quoted text is never closed",
                                              help: "add the closing quote, or remove the opening one")

    /// A key indented further than the key above it, so YAML reads it as part of that key's value.
    static func keyIndentedTooFar(_ key: String, above: String) -> DiagnosticText {
        DiagnosticText(.yamlSyntax, "`\(clip(key))` is indented further than `\(clip(above)):` above it",
                       help: "indent `\(clip(key))` to line up with `\(clip(above)):` above it")
    }

    /// A key indented less than the keys of its mapping but more than the mapping's parent.
    static func keyIndentedTooLittle(_ key: String, sibling: String) -> DiagnosticText {
        DiagnosticText(.yamlSyntax, "`\(clip(key))` is indented less than `\(clip(sibling)):` above it",
                       help: "indent `\(clip(key))` to line up with `\(clip(sibling)):` above it")
    }

    /// A list item (`- `) among the keys of a mapping.
    static func listItemAmongKeys(above: String) -> DiagnosticText {
        DiagnosticText(.yamlSyntax, "a list item (`- `) stands among the keys of `\(clip(above))`",
                       help: "line up the `- ` items under a key that holds a list, or remove the `- `")
    }

    /// A `- ` item indented differently from the items of the list above it.
    static func itemMisaligned(line: Int, column: Int) -> DiagnosticText {
        DiagnosticText(.yamlSyntax, "this list item's `- ` is not lined up with the `- ` of the item at line \(line)",
                       help: "put the `- ` in column \(column), like the item at line \(line)")
    }

    static func noSpaceAfterColon(_ text: String, fixed: String) -> DiagnosticText {
        DiagnosticText(.yamlSyntax, "`\(clip(text))` has no space after its `:`, so YAML reads it as text, not `key: value`",
                       help: "write `\(clip(fixed))`")
    }

    static func notKeyValue(_ text: String) -> DiagnosticText {
        DiagnosticText(.yamlSyntax, "`\(clip(text))` stands among keys but is not `key: value`",
                       help: "write it as `key: value`, or indent it under the key it belongs to")
    }

    /// A key and a value on one line whose value itself holds `: `.
    static func colonInValue(_ key: String) -> DiagnosticText {
        DiagnosticText(.yamlSyntax, "the value of `\(clip(key))` holds `: `, which YAML reads as a second key",
                       help: "quote the value (`\(clip(key)): \"…\"`), or put the second key on its own line")
    }

    static let parserFailure = DiagnosticText(.yamlSyntax, "the policy is not valid YAML",
                                              help: "check the file with a YAML editor or linter")

    // MARK: RP002 root-not-mapping

    static func rootNotMapping(found: String) -> DiagnosticText {
        DiagnosticText(.rootNotMapping, "a policy must be a mapping of keys, found \(found)",
                       help: "start the file with `program:`, `version:`, `currency:`, `events:` and `referral_types:`")
    }

    // MARK: RP003 multiple-documents

    static let multipleDocuments = DiagnosticText(.multipleDocuments, "a policy file holds one YAML document, found a second",
                                                  help: "remove the `---` or put each version in its own file")

    // MARK: RP004 empty-policy

    static let emptyPolicy = DiagnosticText(.emptyPolicy, "the policy file is empty",
                                            help: "a policy starts with `program:`, `version:` and `referral_types:`")

    // MARK: RP005 limit-exceeded

    static func fileTooLarge(bytes: Int, limit: Int) -> DiagnosticText {
        DiagnosticText(.limitExceeded, "the policy file is \(bytes) bytes, more than the limit of \(limit)",
                       help: "split the program into smaller files, or raise `LoadLimits.maxFileBytes`")
    }

    static func lineTooLong(line: Int, limit: Int) -> DiagnosticText {
        DiagnosticText(.limitExceeded, "line \(line) is longer than \(limit) bytes", help: "break the value over several lines")
    }

    static func nestsTooDeep(limit: Int, flow: Bool) -> DiagnosticText {
        DiagnosticText(.limitExceeded, "the policy nests deeper than \(limit) levels",
                       help: flow ? "a policy needs only a few levels; check the brackets"
                                  : "a policy needs only a few levels; check the indentation")
    }

    static let nestsTooDeepForParser = DiagnosticText(
        .limitExceeded, "the policy nests deeper than the YAML parser allows",
        help: "a policy needs only a few levels; check the indentation and `- ` markers")

    static func tooManyNodes(limit: Int) -> DiagnosticText {
        DiagnosticText(.limitExceeded, "the policy expands to more than \(limit) YAML nodes",
                       help: "YAML aliases (`*name`) count each time they are used; write the policy without nested aliases")
    }

    static func tooManyRules(_ count: Int, limit: Int) -> DiagnosticText {
        DiagnosticText(.limitExceeded, "the policy has \(count) rules, more than the limit of \(limit)",
                       help: "split the program, or raise `LoadLimits.maxRules`")
    }

    static func tooManyDuplicateKeys(limit: Int) -> DiagnosticText {
        DiagnosticText(.limitExceeded, "the policy has more than \(limit) duplicate keys",
                       help: "remove the duplicate keys (each is set twice in one mapping) and check again")
    }

    /// The last diagnostic of a file that has more than the limit: how many are not listed.
    static func moreDiagnostics(_ count: Int, shown: Int, errors: Bool) -> DiagnosticText {
        DiagnosticText(.limitExceeded, "\(count) more problem\(count == 1 ? "" : "s") in this file \(count == 1 ? "is" : "are") not listed (the first \(shown) are)",
                       help: "fix the problems listed and check again, or raise `LoadLimits.maxDiagnostics`",
                       severity: errors ? .error : .warning)
    }

    // MARK: RP006 invalid-text

    static func controlCharacter(_ name: String) -> DiagnosticText {
        DiagnosticText(.invalidText, "the file holds \(name)", help: "policy files are UTF-8 text; remove the character")
    }

    static func c1ControlCharacter(_ code: String) -> DiagnosticText {
        DiagnosticText(.invalidText, "the file holds control character U+\(code)",
                       help: "remove the character; policy files hold printable text")
    }

    static func unreadableText(_ problem: String) -> DiagnosticText {
        DiagnosticText(.invalidText, "the file cannot be read as text: \(problem)", help: "save the policy as UTF-8 text")
    }

    static let notUTF8 = DiagnosticText(.invalidText, "the file is not UTF-8 text", help: "save the policy as UTF-8")

    // MARK: RP007 unsupported-yaml

    static let tag = DiagnosticText(.unsupportedYAML, "YAML tags (`!…`) are not supported",
                                    help: "remove the tag; policy values are plain text, numbers, true/false, lists and mappings")

    static let tagDirective = DiagnosticText(.unsupportedYAML, "`%TAG` directives are not supported",
                                             help: "remove the directive and the tags that use it; policies use no YAML tags")

    static let mergeKey = DiagnosticText(.unsupportedYAML, "merge keys (`<<`) are not supported",
                                         help: "write the keys out; a reviewer should see every rule where it applies")

    static func aliasAsKey(_ alias: String) -> DiagnosticText {
        DiagnosticText(.unsupportedYAML, "an alias (`*\(clip(alias))`) cannot be a key",
                       help: "write the key as a plain name, such as `window` or `freelancer`")
    }

    static let explicitKey = DiagnosticText(.unsupportedYAML, "explicit keys (`? `) are not supported",
                                            help: "write `key: value`; keys in a policy are plain names")

    static let collectionAsKey = DiagnosticText(.unsupportedYAML, "a list or mapping cannot be a key",
                                                help: "write the key as a plain name, such as `window` or `freelancer`")

    static let unsupportedNode = DiagnosticText(.unsupportedYAML, "unsupported YAML node",
                                                help: "write plain text, numbers, true/false, lists and mappings")

    // MARK: RP008 unreadable-file

    static func noSuchPath(_ path: String) -> DiagnosticText {
        DiagnosticText(.unreadableFile, "no such file or folder `\(path)`", help: "check the path")
    }

    static func noSuchPolicyFile(_ path: String) -> DiagnosticText {
        DiagnosticText(.unreadableFile, "no such file `\(path)`", help: "check the path")
    }

    static func folderIsNotAPolicyFile(_ path: String) -> DiagnosticText {
        DiagnosticText(.unreadableFile, "`\(path)` is a folder, not a policy file",
                       help: "load a folder of versions with `PolicySet.load(paths:)`")
    }

    static func cannotReadFile(_ path: String) -> DiagnosticText {
        DiagnosticText(.unreadableFile, "cannot read `\(path)`", help: "check that the file exists and is readable")
    }

    /// A checked policy the compiler could not turn into a plan: a bug, never the author's mistake.
    static let couldNotCompile = DiagnosticText(.invalidValue, "the policy could not be compiled",
                                                help: "this is a bug in ReferralPolicy; please report it with the policy")

    static func unreadableFolder(_ path: String) -> DiagnosticText {
        DiagnosticText(.unreadableFile, "cannot read the folder `\(path)`",
                       help: "check that the folder exists and that you may list and read it")
    }

    // MARK: RP009 no-policy-files

    static func noPolicyFiles(in path: String, tests: Bool) -> DiagnosticText {
        let what = tests ? "policy test files (`*.tests.yaml`)" : "policy files (`*.yaml`, `*.yml`)"
        return DiagnosticText(.noPolicyFiles, "no \(what) in `\(path)`", help: "name a file or a folder that holds some")
    }
}
