/// Reads a tz database file (TZif, RFC 8536: what `/usr/share/zoneinfo/Europe/London` holds)
/// into the offsets a ``TimeZoneRules`` keeps: every instant the UTC offset changed, the
/// offset from then on, and the footer's yearly rule for the instants past the table.
enum TZif {
    enum Failure: Error, Equatable {
        /// The file does not start with `TZif`: it is not a zone.
        case notAZone
        /// It does, but what follows does not hold together.
        case damaged(String)
        /// It counts leap seconds (the `right/` zones): its instants are not UTC's.
        case leapSeconds
    }

    struct Parsed: Equatable {
        var transitions: [Int64]
        var offsets: [Int32]
        var rule: PosixTZRule?
    }

    static func parse(_ bytes: [UInt8]) -> Result<Parsed, Failure> {
        guard bytes.count >= 4, bytes[0] == 0x54, bytes[1] == 0x5A, bytes[2] == 0x69, bytes[3] == 0x66 else {
            return .failure(.notAZone)
        }
        guard let first = Header(bytes, at: 0) else { return .failure(.damaged("the header is cut short")) }
        var block = first
        var start = 44
        var timeSize = 4
        if first.version >= 2 {
            // Version 2 and later repeat the data with 64-bit times, then give the rule.
            let second = 44 + first.v1Length
            guard let header = Header(bytes, at: second) else { return .failure(.damaged("the second header is cut short")) }
            block = header
            start = second + 44
            timeSize = 8
        }
        if block.leapCount > 0 { return .failure(.leapSeconds) }
        guard block.typeCount >= 1, block.charCount >= 1 else { return .failure(.damaged("it defines no local time type")) }
        let length = block.dataLength(timeSize: timeSize)
        guard start + length <= bytes.count else { return .failure(.damaged("the data is cut short")) }

        func integer(_ at: Int, _ size: Int) -> Int64 {
            var v: UInt64 = 0
            for k in 0..<size { v = v << 8 | UInt64(bytes[at + k]) }
            // Sign-extend from `size` bytes.
            let shift = UInt64(64 - 8 * size)
            return Int64(bitPattern: v << shift) >> Int64(shift)
        }
        let times = start
        let indexes = times + block.timeCount * timeSize
        let types = indexes + block.timeCount
        var utcOffsets: [Int32] = []
        for k in 0..<block.typeCount {
            let offset = integer(types + 6 * k, 4)
            // RFC 8536: -2^31 is not allowed, and real offsets are within a day.
            guard offset > -86_400, offset < 86_400 else { return .failure(.damaged("an offset is out of range")) }
            utcOffsets.append(Int32(offset))
        }
        var transitions: [Int64] = []
        var offsets: [Int32] = [utcOffsets[0]]
        var previous = Int64.min
        for k in 0..<block.timeCount {
            let at = integer(times + k * timeSize, timeSize)
            guard at > previous || k == 0 else { return .failure(.damaged("its transitions are out of order")) }
            previous = at
            let type = Int(bytes[indexes + k])
            guard type < block.typeCount else { return .failure(.damaged("a transition names no local time type")) }
            // Keep only the changes of offset (a change of name or of daylight saving alone changes no local time).
            if utcOffsets[type] != offsets[offsets.count - 1] {
                transitions.append(at)
                offsets.append(utcOffsets[type])
            }
        }
        var rule: PosixTZRule?
        if first.version >= 2 {
            // The footer: `\n`, a POSIX TZ string (maybe empty), `\n`.
            let footer = start + length
            if footer < bytes.count {
                guard bytes[footer] == 10, let close = bytes[(footer + 1)...].firstIndex(of: 10) else {
                    return .failure(.damaged("the footer is not closed"))
                }
                let text = String(decoding: bytes[(footer + 1)..<close], as: UTF8.self)
                if !text.isEmpty {
                    guard let parsed = PosixTZRule.parse(text) else { return .failure(.damaged("its rule `\(text)` cannot be read")) }
                    rule = parsed
                }
            }
        }
        return .success(Parsed(transitions: transitions, offsets: offsets, rule: rule))
    }

    private struct Header {
        var version: Int
        var utIndicatorCount, standardIndicatorCount, leapCount, timeCount, typeCount, charCount: Int

        init?(_ bytes: [UInt8], at start: Int) {
            guard start + 44 <= bytes.count, bytes[start] == 0x54, bytes[start + 1] == 0x5A, bytes[start + 2] == 0x69,
                  bytes[start + 3] == 0x66 else { return nil }
            let v = bytes[start + 4]
            version = v == 0 ? 1 : (v >= 0x32 && v <= 0x39 ? Int(v) - 0x30 : 1)
            func count(_ k: Int) -> Int {
                let at = start + 20 + 4 * k
                return Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
            }
            (utIndicatorCount, standardIndicatorCount, leapCount, timeCount, typeCount, charCount) =
                (count(0), count(1), count(2), count(3), count(4), count(5))
        }

        /// The bytes of the version 1 data block.
        var v1Length: Int { dataLength(timeSize: 4) }

        func dataLength(timeSize: Int) -> Int {
            timeCount * timeSize + timeCount + typeCount * 6 + charCount + leapCount * (timeSize + 4)
                + standardIndicatorCount + utIndicatorCount
        }
    }
}
