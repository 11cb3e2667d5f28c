import Foundation

/// The machine's tz database (IANA time zones): the folder `TZDIR` names, or
/// `/usr/share/zoneinfo` (Debian's `tzdata` package). A policy's `time_zone` is read from it
/// when the policy is loaded, into the ``TimeZoneRules`` its plan keeps; deciding never reads it.
struct TimeZoneDatabase: Sendable {
    let directory: String

    static let defaultDirectory = "/usr/share/zoneinfo"

    /// `TZDIR` when it is set, else `/usr/share/zoneinfo`.
    static var system: TimeZoneDatabase {
        let dir = ProcessInfo.processInfo.environment["TZDIR"].flatMap { $0.isEmpty ? nil : $0 }
        return TimeZoneDatabase(directory: dir ?? defaultDirectory)
    }

    /// Names that mean UTC without a database.
    static let utcNames: Set<String> = ["UTC", "Etc/UTC"]

    enum Failure: Error, Equatable {
        /// Not the shape of a zone name (`+01:00`, `../etc`, `Europe//London`).
        case notAName
        /// No such zone in the database; with the closest name, when there is one.
        case unknown(suggestion: String?)
        /// The database folder is not there.
        case noDatabase
        /// The zone's file is there but cannot be read, or does not hold together.
        case unreadable(path: String, reason: String)
    }

    /// The rules of the zone `name`; nil rules for a zone that is UTC at every instant.
    func rules(named name: String) -> Result<TimeZoneRules?, Failure> {
        if Self.utcNames.contains(name) { return .success(nil) }
        guard Self.isZoneName(name) else { return .failure(.notAName) }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder), isFolder.boolValue else {
            return .failure(.noDatabase)
        }
        let path = directory + "/" + name
        // `posix/` and `right/` are copies (the second counting leap seconds); `localtime` and
        // `posixrules` depend on the machine; `Factory` means "no zone set".
        let first = name.split(separator: "/").first.map(String.init) ?? name
        if ["posix", "right"].contains(first) || ["localtime", "posixrules", "Factory"].contains(name) {
            return .failure(.unknown(suggestion: suggestion(for: name)))
        }
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else {
            return .failure(.unknown(suggestion: suggestion(for: name)))
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return .failure(.unreadable(path: path, reason: "it cannot be read"))
        }
        defer { try? handle.close() }
        // Zone files are a few kilobytes; a megabyte is not one.
        let data = (try? handle.read(upToCount: 1 << 20)) ?? Data()
        switch TZif.parse(Array(data)) {
        case .success(let parsed):
            let rules = TimeZoneRules(name: name, transitions: parsed.transitions, offsets: parsed.offsets, rule: parsed.rule)
            return .success(rules.isUTC ? nil : rules)
        case .failure(.notAZone), .failure(.leapSeconds):
            return .failure(.unknown(suggestion: suggestion(for: name)))
        case .failure(.damaged(let why)):
            return .failure(.unreadable(path: path, reason: why))
        }
    }

    /// `Europe/London`, `America/Port-au-Prince`, `Etc/GMT+5`: parts of letters, digits, `_`,
    /// `-` and `+`, separated by `/`.
    static func isZoneName(_ name: String) -> Bool {
        guard !name.isEmpty, name.utf8.count <= 100 else { return false }
        return name.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { part in
            guard let first = part.unicodeScalars.first, first.properties.isAlphabetic || ("0"..."9").contains(first),
                  first.isASCII else { return false }
            return part.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "_-+".unicodeScalars.contains($0)) }
        }
    }

    /// Every zone name in the database, sorted: the files that hold a zone, outside `posix/`
    /// and `right/`. Read only to suggest a name.
    func names() -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: directory) else { return [] }
        var out: [String] = []
        while let relative = walker.nextObject() as? String {
            let first = relative.split(separator: "/").first.map(String.init) ?? relative
            if ["posix", "right"].contains(first) { walker.skipDescendants(); continue }
            guard Self.isZoneName(relative), !["localtime", "posixrules", "Factory"].contains(relative) else { continue }
            guard let handle = FileHandle(forReadingAtPath: directory + "/" + relative) else { continue }
            let magic = (try? handle.read(upToCount: 4)) ?? Data()
            try? handle.close()
            if Array(magic) == [0x54, 0x5A, 0x69, 0x66] { out.append(relative) }
        }
        return out.sorted()
    }

    /// Abbreviations and words people write for a zone, and the zone they most often mean.
    static let commonMeanings: [String: String] = [
        "BST": "Europe/London", "UK": "Europe/London", "CEST": "Europe/Paris", "PST": "America/Los_Angeles",
        "PDT": "America/Los_Angeles", "EDT": "America/New_York", "CDT": "America/Chicago", "CST": "America/Chicago",
        "MDT": "America/Denver", "AEST": "Australia/Sydney", "AEDT": "Australia/Sydney", "JST": "Asia/Tokyo",
        "IST": "Asia/Kolkata", "Z": "UTC", "ZULU": "UTC",
    ]

    /// The zone `name` most likely means: the same name in other letter case, a zone named for
    /// the place (`London`, `new york`), a common abbreviation (`BST`), or the closest spelling.
    func suggestion(for name: String) -> String? {
        if let meant = Self.commonMeanings[name.uppercased()] { return meant }
        let all = names()
        let lower = name.lowercased().replacingOccurrences(of: " ", with: "_")
        if let same = all.first(where: { $0.lowercased() == lower }) { return same }
        let stripped = lower.split(separator: "/").last.map(String.init) ?? lower
        if let place = all.first(where: { $0.contains("/") && $0.lowercased().split(separator: "/").last.map(String.init) == stripped }) {
            return place
        }
        if lower.hasPrefix("posix/") || lower.hasPrefix("right/") {
            let plain = String(name.dropFirst(6))
            if all.contains(plain) { return plain }
        }
        return Suggestion.closest(to: name, among: all)
    }
}
