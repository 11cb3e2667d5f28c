#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds `referrer.id` in a snapshot's JSON bytes without decoding the snapshot: the impact
/// needs it only for changed referrals, and a full decode of each would cost as much as
/// deciding it again. Returns nil for anything unusual (escapes in the id, no such field,
/// not an object); the caller then decodes the snapshot the ordinary way.
enum ReferrerScanner {
    static func referrerID(_ json: ArraySlice<UInt8>) -> String? {
        json.withContiguousStorageIfAvailable { buffer -> String? in
            var s = Scan(bytes: buffer, at: 0)
            guard s.enter(UInt8(ascii: "{")) else { return nil }
            guard s.findKey("referrer"), s.enter(UInt8(ascii: "{")), s.findKey("id") else { return nil }
            return s.plainString()
        } ?? nil
    }

    private struct Scan {
        let bytes: UnsafeBufferPointer<UInt8>
        var at: Int

        mutating func space() {
            while at < bytes.count, bytes[at] == 0x20 || bytes[at] == 0x0A || bytes[at] == 0x0D || bytes[at] == 0x09 { at += 1 }
        }

        mutating func enter(_ byte: UInt8) -> Bool {
            space()
            guard at < bytes.count, bytes[at] == byte else { return false }
            at += 1
            return true
        }

        /// In an object just entered: moves past the key `name` and its colon, skipping the
        /// other members' values. False when the object ends first or something is off.
        mutating func findKey(_ name: StaticString) -> Bool {
            while true {
                space()
                guard at < bytes.count, bytes[at] == UInt8(ascii: "\"") else { return false }
                let start = at + 1
                guard skipString() else { return false }
                let end = at - 1
                space()
                guard at < bytes.count, bytes[at] == UInt8(ascii: ":") else { return false }
                at += 1
                if end - start == name.utf8CodeUnitCount,
                   memcmp(bytes.baseAddress! + start, name.utf8Start, end - start) == 0 {
                    space()
                    return true
                }
                guard skipValue(depth: 0) else { return false }
                space()
                guard at < bytes.count, bytes[at] == UInt8(ascii: ",") else { return false }
                at += 1
            }
        }

        /// Past a string whose opening quote is at `at`.
        mutating func skipString() -> Bool {
            at += 1
            while at < bytes.count {
                let c = bytes[at]
                if c == UInt8(ascii: "\\") { at += 2; continue }
                at += 1
                if c == UInt8(ascii: "\"") { return true }
            }
            return false
        }

        mutating func skipValue(depth: Int) -> Bool {
            guard depth < 64 else { return false }
            space()
            guard at < bytes.count else { return false }
            switch bytes[at] {
            case UInt8(ascii: "\""):
                return skipString()
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let close = bytes[at] == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                at += 1
                space()
                if at < bytes.count, bytes[at] == close { at += 1; return true }
                while true {
                    if close == UInt8(ascii: "}") {
                        space()
                        guard at < bytes.count, bytes[at] == UInt8(ascii: "\""), skipString() else { return false }
                        space()
                        guard at < bytes.count, bytes[at] == UInt8(ascii: ":") else { return false }
                        at += 1
                    }
                    guard skipValue(depth: depth + 1) else { return false }
                    space()
                    guard at < bytes.count else { return false }
                    if bytes[at] == close { at += 1; return true }
                    guard bytes[at] == UInt8(ascii: ",") else { return false }
                    at += 1
                }
            default:
                while at < bytes.count {
                    let c = bytes[at]
                    if c == UInt8(ascii: ",") || c == UInt8(ascii: "}") || c == UInt8(ascii: "]") || c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 {
                        return true
                    }
                    at += 1
                }
                return false
            }
        }

        /// A string value with no escapes, as text; nil otherwise.
        mutating func plainString() -> String? {
            guard at < bytes.count, bytes[at] == UInt8(ascii: "\"") else { return nil }
            let start = at + 1
            var i = start
            while i < bytes.count {
                let c = bytes[i]
                if c == UInt8(ascii: "\\") || c < 0x20 { return nil }
                if c == UInt8(ascii: "\"") {
                    return String(validating: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
                }
                i += 1
            }
            return nil
        }
    }
}
