import Foundation
import ReferralPolicy

/// The peer workload's output fields (`id`, `status`, `rewards`, `reason`, `progress`; see
/// shared/bench/peers/WORKLOAD.md), copied out of one of ReferralPolicy's compact decision
/// lines as ``DecisionEncoder`` writes them (keys in a fixed order, no spaces), the same
/// projection as `bench/project.py`.
///
/// The decision lists progress for unmet requirements only; the workload also wants the
/// amount spent by a pending client referral that has spent enough already, which is read
/// from the explanation of that (rare) referral.
struct WorkloadProjection {
    let set: PolicySet
    let decision: [UInt8]
    let line: ArraySlice<UInt8>

    func write(into out: inout [UInt8]) {
        decision.withUnsafeBufferPointer { d in
            let scan = Scan(d)
            guard let id = scan.value(#""referral_id":"#, from: 0), let status = scan.value(#""status":"#, from: id.upperBound) else {
                out.append(contentsOf: #"{"error":"undecided"}"#.utf8)
                return
            }
            out.append(contentsOf: #"{"id":"#.utf8)
            out.append(contentsOf: d[id])
            out.append(contentsOf: #","status":"#.utf8)
            out.append(contentsOf: d[status])
            out.append(contentsOf: #","rewards":["#.utf8)
            let statusText = String(decoding: d[status], as: UTF8.self)
            if statusText == "\"qualified\"" { rewards(scan, after: status.upperBound, into: &out) }
            out.append(UInt8(ascii: "]"))
            if statusText == "\"not_eligible\"", let reason = scan.value(#""reason":"#, from: status.upperBound) {
                out.append(contentsOf: #","reason":"#.utf8)
                out.append(contentsOf: d[reason])
            }
            if statusText == "\"pending\"" { progress(scan, into: &out) }
            out.append(UInt8(ascii: "}"))
        }
    }

    private func rewards(_ scan: Scan, after start: Int, into out: inout [UInt8]) {
        let end = scan.find("\"progress\":", from: start) ?? scan.d.count
        var at = start
        var first = true
        while let to = scan.value(#""beneficiary":"#, from: at), to.upperBound < end,
              let kind = scan.value(#""kind":"#, from: to.upperBound),
              let amount = scan.value(#""amount_minor":"#, from: kind.upperBound),
              let currency = scan.value(#""currency":"#, from: amount.upperBound) {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out.append(contentsOf: #"{"to":"#.utf8)
            out.append(contentsOf: scan.d[to])
            out.append(contentsOf: #","amount_cents":"#.utf8)
            out.append(contentsOf: scan.d[amount])
            out.append(contentsOf: #","currency":"#.utf8)
            out.append(contentsOf: scan.d[currency])
            out.append(contentsOf: #","kind":"#.utf8)
            out.append(contentsOf: scan.d[kind])
            out.append(UInt8(ascii: "}"))
            at = currency.upperBound
        }
    }

    /// `{"earned_cents":…,"needed_cents":…}` or `{"spent_cents":…,"needed_cents":…,"posted_job":…,"hired":…}`.
    private func progress(_ scan: Scan, into out: inout [UInt8]) {
        /// have and need of an unmet requirement, nil when it is met.
        func unmet(_ requirement: String) -> (have: Substring, need: Substring)? {
            guard let at = scan.find("\"requirement\":\"\(requirement)\"", from: 0),
                  let have = scan.value(#""have":"#, from: at), let need = scan.value(#""need":"#, from: have.upperBound) else { return nil }
            return (Substring(decoding: scan.d[have], as: UTF8.self), Substring(decoding: scan.d[need], as: UTF8.self))
        }
        if scan.find("\"referral_type\":\"freelancer\"", from: 0) != nil {
            let earned = unmet("freelancer.earned")
            out.append(contentsOf: ",\"progress\":{\"earned_cents\":\(earned?.have ?? "0"),\"needed_cents\":\(earned?.need ?? "0")}".utf8)
            return
        }
        var spent = unmet("client.spent").map { (String($0.have), String($0.need)) }
        if spent == nil, let explained = try? set.evaluate(json: line, explain: true),
           let check = explained.explanation.first(where: { $0.rule == "client.spent" }) {
            spent = (String(check.have ?? 0), String(check.need ?? 0))
        }
        let posted = unmet("client.posted_job") == nil, hired = unmet("client.hired") == nil
        out.append(contentsOf: (",\"progress\":{\"spent_cents\":\(spent?.0 ?? "0"),\"needed_cents\":\(spent?.1 ?? "0"),"
            + "\"posted_job\":\(posted),\"hired\":\(hired)}").utf8)
    }

    /// Finding keys and values in a compact JSON line.
    struct Scan {
        let d: UnsafeBufferPointer<UInt8>

        init(_ d: UnsafeBufferPointer<UInt8>) { self.d = d }

        /// Where `text` first occurs at or after `from`.
        func find(_ text: String, from: Int) -> Int? {
            var text = text
            return text.withUTF8 { t -> Int? in
                guard let base = d.baseAddress, let first = t.first else { return nil }
                var at = from
                while at + t.count <= d.count,
                      let hit = memchr(base + at, Int32(first), d.count - t.count + 1 - at) {
                    at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    var k = 1
                    while k < t.count, base[at + k] == t[k] { k += 1 }
                    if k == t.count { return at }
                    at += 1
                }
                return nil
            }
        }

        /// The bytes of the value after the first `key` (`"name":`) at or after `from`: a string with its
        /// quotes, or a number, `true`, `false` up to the next `,`, `}` or `]`.
        func value(_ key: String, from: Int) -> Range<Int>? {
            guard let at = find(key, from: from) else { return nil }
            let start = at + key.utf8.count
            guard start < d.count else { return nil }
            var end = start + 1
            if d[start] == UInt8(ascii: "\"") {
                while end < d.count, d[end] != UInt8(ascii: "\"") {
                    end += d[end] == UInt8(ascii: "\\") ? 2 : 1
                }
                return start..<min(end + 1, d.count)
            }
            while end < d.count, d[end] != UInt8(ascii: ","), d[end] != UInt8(ascii: "}"), d[end] != UInt8(ascii: "]") { end += 1 }
            return start..<end
        }
    }
}
