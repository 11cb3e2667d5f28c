import Testing
@testable import ReferralPolicy

/// What the scanner reads a word at a time, against what the byte-by-byte ways read: an event's
/// type found among the versions' names (``EventTypePatterns``, against ``NameTable``), plain
/// integers (``SnapshotScanner/usualInteger(_:)``, against the byte loop it had before) and
/// instants (``SnapshotScanner/zulu(_:)``, against the calendar and the reader it had before).
@Suite struct SnapshotUsualWordTests {
    /// ``EventTypePatterns`` finds a text's name as the versions' ``NameTable`` finds it, for
    /// every name, every prefix and extension of one, and every one-byte change of each; and
    /// names it cannot match exactly leave it unusable, so every type is looked up by name.
    @Test func eventTypesFoundAsTheNameTableFindsThem() {
        let table = NameTable(SnapshotUsualShapeTests.typeNames)
        defer { table.deallocate() }
        var texts: [[UInt8]] = []
        for name in SnapshotUsualShapeTests.typeNames + ["earne", "hire", "spentt", "posted_jobs", "fifteen_bytes___", "sixteen_bytes___"] {
            let bytes = Array(name.utf8)
            texts.append(bytes)
            for position in bytes.indices {
                for r in Array("\"\\ax_0".utf8) + [0x00, 0x7F, 0x80] where bytes[position] != r {
                    var changed = bytes
                    changed[position] = r
                    texts.append(changed)
                }
            }
        }
        var wrong: [String] = []
        for text in texts {
            // The text, its closing quote, and more of an event after it.
            let input = text + Array(#"","at":"2025-09-01T11:03:04Z"}"#.utf8)
            let found: (index: Int, length: Int)? = input.withUnsafeBytes { raw in
                SnapshotUsualShapeTests.types.match(raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            }
            // The usual text up to its first quote, as the scanner would read it.
            let end = text.firstIndex(of: UInt8(ascii: "\"")) ?? text.count
            let usual = Array(text[..<end])
            let expected = usual.withUnsafeBufferPointer { table.index(of: $0, ascii: true) }
            let plain = usual.allSatisfy { $0 >= 0x20 && $0 < 0x80 && $0 != UInt8(ascii: "\\") }
            if plain, found?.index != expected || (found.map { $0.length != usual.count } ?? false) {
                wrong.append(String(decoding: text, as: UTF8.self))
            }
            if !plain, found != nil { wrong.append(String(decoding: text, as: UTF8.self)) }
        }
        #expect(wrong == [])
        #expect(SnapshotUsualShapeTests.types.count == SnapshotUsualShapeTests.typeNames.count)
        for names in [["sixteen_bytes___"], ["caf\u{E9}"], ["quo\"te"], ["back\\slash"], ["tab\t"],
                      (0...EventTypePatterns.limit).map { "type\($0)" }] {
            let patterns = EventTypePatterns(names)
            #expect(patterns.count == 0, "\(names)")
            patterns.deallocate()
        }
    }

    /// A plain integer as the byte loop read it before digits were found a word at a time: the
    /// value, or nil, and where it ends.
    static func integerBefore(_ bytes: [UInt8]) -> (Int64, Int)? {
        var k = 0
        let negative = k < bytes.count && bytes[k] == UInt8(ascii: "-")
        if negative { k += 1 }
        let first = k
        var value: Int64 = 0
        while k < bytes.count, bytes[k] &- 48 < 10, k - first < 18 {
            value = value * 10 + Int64(bytes[k] - 48)
            k += 1
        }
        let count = k - first
        guard count > 0, k < bytes.count, bytes[k] == UInt8(ascii: ",") || bytes[k] == UInt8(ascii: "}"),
              count == 1 || bytes[first] != UInt8(ascii: "0") else { return nil }
        return (negative ? -value : value, k)
    }

    /// ``SnapshotScanner/usualInteger(_:)`` reads what the byte loop read: every length of
    /// digits up to 20, with and without a sign and a leading zero, before every kind of byte,
    /// near the end of the input and far from it, and every one-byte change of each.
    @Test func integersAWordAtATime() {
        var texts: [[UInt8]] = []
        let digits = Array("9876543210123456789012".utf8)
        for length in 0...20 {
            for sign in ["", "-", "+", "--"] {
                for lead in ["", "0"] {
                    for tail in [",", "}", "", " ", "]", ".5", "e3", "x", "\u{0}", ",\"a\":1}", "},{\"t\":2}]}"] {
                        texts.append(Array(sign.utf8) + Array(lead.utf8) + Array(digits.prefix(length)) + Array(tail.utf8))
                    }
                }
            }
        }
        let replacements = Array("0159-+,}/:. a".utf8) + [0x00, 0x2F, 0x3A, 0x7F, 0x80, 0xC0, 0xFA, 0xFF]
        var variants: [[UInt8]] = []
        for text in texts {
            variants.append(text)
            for position in text.indices.prefix(12) {
                for r in replacements where text[position] != r {
                    var bytes = text
                    bytes[position] = r
                    variants.append(bytes)
                }
            }
        }
        var wrong: [String] = []
        for bytes in variants {
            var facts = SnapshotFacts()
            let now: (Int64, Int)? = withUnsafeMutablePointer(to: &facts) { storage in
                bytes.withUnsafeBufferPointer { buffer in
                    let scanner = SnapshotScanner(buffer, into: storage)
                    var j = 0
                    return scanner.usualInteger(&j).map { ($0, j) }
                }
            }
            let before = Self.integerBefore(bytes)
            if now?.0 != before?.0 || now?.1 != before?.1 { wrong.append(String(decoding: bytes, as: UTF8.self)) }
        }
        #expect(wrong == [])
        #expect(variants.count > 10_000)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` read two digits at a time gives what the calendar's own parser gives,
    /// for every digit at every place and instants spread over years 1...9999.
    @Test func instantsTwoDigitsAtATime() {
        var texts: [String] = []
        let base = Array("2024-06-15T11:39:54Z".utf8)
        for place in [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18] {
            for digit in UInt8(ascii: "0")...UInt8(ascii: "9") {
                var bytes = base
                bytes[place] = digit
                texts.append(String(decoding: bytes, as: UTF8.self))
            }
        }
        var seconds: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<5_000 {
            seconds = seconds &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let t = Instant(secondsSinceEpoch: Int64(seconds % 315_537_897_600) - 62_135_596_800)  // 0001...9999
            texts.append(t.description)
        }
        var wrong: [String] = []
        for text in texts {
            let bytes = Array(text.utf8)
            var facts = SnapshotFacts()
            let read = withUnsafeMutablePointer(to: &facts) { storage in
                bytes.withUnsafeBufferPointer { buffer in
                    var scanner = SnapshotScanner(buffer, into: storage)
                    return bytes.count == 20 ? scanner.zulu(0) : nil
                }
            }
            if read != Instant.parse(text) { wrong.append(text) }
        }
        #expect(wrong == [])
        #expect(texts.count > 5_000)
    }

    /// The month starts and lengths behind instants equal the calendar's own days for every year it reads.
    @Test func monthStartsAndLengths() {
        var wrong: [String] = []
        for year in Int64(1)...9999 {
            for month in Int64(1)...12 {
                let start = SnapshotScanner.monthStart(year: UInt64(year), UInt64(month))
                let days = SnapshotScanner.monthLength(year: UInt64(year), UInt64(month))
                if start != Instant.days(fromCivil: year, month, 1) || Int64(days) != Instant.daysInMonth(year: year, month: month) {
                    wrong.append("\(year)-\(month)")
                }
            }
        }
        #expect(wrong == [])
    }

    /// `zulu` as it was before its digits were checked in one test and its month computed
    /// without a cache (the last month read, kept across instants), kept to compare with.
    struct ZuluBefore {
        var lastMonth: Int64 = -1
        var lastMonthStart: Int64 = 0
        var lastMonthDays: Int64 = 0

        mutating func zulu(_ bytes: [UInt8]) -> Instant? {
            bytes.withUnsafeBytes { raw in
                let p = raw.baseAddress!
                let w0 = p.loadUnaligned(as: UInt64.self)
                let w1 = p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                let w2 = UInt64(p.loadUnaligned(fromByteOffset: 16, as: UInt32.self))
                func digits(_ w: UInt64, _ mask: UInt64) -> Bool {
                    let d = w & mask, highs = mask & 0xF0F0_F0F0_F0F0_F0F0, threes = mask & 0x3030_3030_3030_3030
                    return d & highs == threes && (d &+ (mask & 0x0606_0606_0606_0606)) & highs == threes
                }
                guard w0 & 0xFF00_00FF_0000_0000 == 0x2D00_002D_0000_0000,
                      w1 & 0x0000_FF00_00FF_0000 == 0x0000_3A00_0054_0000,
                      w2 & 0xFF00_00FF == 0x5A00_003A,
                      digits(w0, 0x00FF_FF00_FFFF_FFFF), digits(w1, 0xFFFF_00FF_FF00_FFFF), digits(w2, 0x00FF_FF00)
                else { return nil }
                func pairs(_ w: UInt64) -> UInt64 {
                    let d = w & 0x0F0F_0F0F_0F0F_0F0F
                    return d &* 10 &+ (d >> 8)
                }
                func pair(_ p: UInt64, _ k: UInt64) -> Int64 { Int64((p >> (k << 3)) & 0xFF) }
                let p0 = pairs(w0), p1 = pairs(w1), p2 = pairs(w2)
                let year = pair(p0, 0) &* 100 &+ pair(p0, 2)
                let month = pair(p0, 5), day = pair(p1, 0)
                let hour = pair(p1, 3), minute = pair(p1, 6)
                let second = pair(p2, 1)
                guard month >= 1, month <= 12, hour <= 23, minute <= 59, second <= 59 else { return nil }
                let key = year &* 16 &+ month
                if key != lastMonth {
                    guard year >= 1 else { return nil }
                    lastMonth = key
                    lastMonthStart = Instant.days(fromCivil: year, month, 1)
                    lastMonthDays = Instant.daysInMonth(year: year, month: month)
                }
                guard day >= 1, day <= lastMonthDays else { return nil }
                let days = lastMonthStart &+ day &- 1
                return Instant(secondsSinceEpoch: days &* Instant.secondsPerDay &+ hour &* 3600 &+ minute &* 60 &+ second)
            }
        }
    }

    static func zuluNow(_ bytes: [UInt8]) -> Instant? {
        var facts = SnapshotFacts()
        return withUnsafeMutablePointer(to: &facts) { storage in
            bytes.withUnsafeBufferPointer { buffer in SnapshotScanner(buffer, into: storage).zulu(0) }
        }
    }

    /// `zulu` accepts and rejects what it did before, and reads the same instants: edge dates
    /// (leap years, month ends, years 0000 and 9999, impossible days, hours, minutes and
    /// seconds), every day of a span of years, and every one-byte change of each.
    @Test func zuluAsBefore() {
        var texts: [String] = []
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        func four(_ v: Int) -> String { String(repeating: "0", count: 4 - "\(v)".count) + "\(v)" }
        let years = [0, 1, 2, 3, 4, 99, 100, 399, 400, 1582, 1600, 1700, 1800, 1899, 1900, 1969, 1970, 1999, 2000, 2001,
                     2023, 2024, 2025, 2100, 2400, 9996, 9998, 9999]
        for year in years {
            for month in 0...13 {
                for day in [0, 1, 2, 27, 28, 29, 30, 31, 32, 39, 40, 99] {
                    texts.append("\(four(year))-\(two(month))-\(two(day))T00:00:00Z")
                }
            }
        }
        for time in ["23:59:59", "24:00:00", "23:60:00", "23:59:60", "00:00:00", "19:99:00", "09:09:09", "29:00:00"] {
            texts.append("2024-02-29T\(time)Z")
        }
        for year in 1999...2001 {
            for month in 1...12 {
                for day in 1...31 { texts.append("\(four(year))-\(two(month))-\(two(day))T12:34:56Z") }
            }
        }
        var wrong: [String] = []
        var before = ZuluBefore()
        var checked = 0
        let replacements = Array("0123456789-T:Z/;tz ".utf8) + [0x00, 0x2F, 0x3A, 0x3F, 0x40, 0x7F, 0x80, 0xB0, 0xFF]
        for text in texts {
            let original = Array(text.utf8)
            var variants = [original]
            for position in original.indices {
                for r in replacements where original[position] != r {
                    var bytes = original
                    bytes[position] = r
                    variants.append(bytes)
                }
            }
            for bytes in variants {
                checked += 1
                // Both orders of the cache: fresh, and after the instant before.
                var fresh = ZuluBefore()
                let now = Self.zuluNow(bytes), then = before.zulu(bytes)
                if now != then || now != fresh.zulu(bytes) { wrong.append(String(decoding: bytes, as: UTF8.self)) }
            }
        }
        #expect(wrong == [])
        #expect(checked > 100_000)
    }
}
