import Foundation
import Testing
@testable import ReferralPolicy

/// The one deliberate change of decisions against the ``Oracle`` (issue 14, events a version
/// does not declare): deciding with a set of versions, an event whose type the governing
/// version does not declare but another version does is left out, where the oracle gave
/// `unknown_event_type`. Such a line is held to the oracle's decision of the same line without
/// those events, byte for byte: error paths are mapped back to the events' places in the
/// line, and the explanation is the oracle's with one `event` check per type left out, after
/// the eligibility rules. The oracle itself is unchanged.
extension OracleTests {
    /// The line without the events its governing version leaves out, and the original index of
    /// each event kept; nil when it has none (or is not a snapshot the set can place).
    static func leftOutByVersion(_ line: String, _ set: PolicySet) -> (stripped: String, kept: [Int], types: [String])? {
        guard set.policies.count > 1, let snapshot = try? set.decodeSnapshot(Array(line.utf8)),
              let governing = try? set.governingPolicy(for: snapshot) else { return nil }
        let own = Set(governing.model.events.map(\.name))
        let elsewhere = Set(set.policies.flatMap { $0.model.events.map(\.name) })
        let left = snapshot.events.indices.filter { !own.contains(snapshot.events[$0].type) && elsewhere.contains(snapshot.events[$0].type) }
        guard !left.isEmpty,
              var object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
              let events = object["events"] as? [Any] else { return nil }
        let kept = events.indices.filter { !left.contains($0) }
        object["events"] = kept.map { events[$0] }
        guard let data = try? JSONSerialization.data(withJSONObject: object) else { return nil }
        var types: [String] = []
        for i in left where !types.contains(snapshot.events[i].type) { types.append(snapshot.events[i].type) }
        return (String(decoding: data, as: UTF8.self), kept, types)
    }

    /// `events[3].at` of the stripped line is `events[kept[3]].at` of the original.
    static func remapped(_ error: EvaluationError, _ kept: [Int]) -> EvaluationError {
        guard let path = error.path, path.hasPrefix("events["), let close = path.firstIndex(of: "]"),
              let j = Int(path[path.index(path.startIndex, offsetBy: 7)..<close]), j < kept.count else { return error }
        return EvaluationError(error.code, error.message, path: "events[\(kept[j])]" + path[path.index(after: close)...])
    }

    static func compareLeavingOut(_ line: String, _ left: (stripped: String, kept: [Int], types: [String]), _ set: PolicySet,
                                  sourceLocation: Testing.SourceLocation) -> Decision? {
        let bytes = Array(line.utf8)
        let oracle = Oracle(set)
        let stripped = Array(left.stripped.utf8)
        func remap(_ r: Result<Decision, EvaluationError>) -> Result<Decision, EvaluationError> {
            r.mapError { Self.remapped($0, left.kept) }
        }
        let expected = remap(Result { () throws(EvaluationError) -> Decision in try oracle.evaluate(json: stripped) })
        let got = Result { () throws(EvaluationError) -> Decision in try set.evaluate(json: bytes) }
        #expect(got == expected, "\(line)", sourceLocation: sourceLocation)
        // Explained: the oracle's checks, with one `event` check per type left out.
        let explainedExpected = remap(Result { () throws(EvaluationError) -> Decision in try oracle.evaluate(json: stripped, explain: true) })
        let explained = Result { () throws(EvaluationError) -> Decision in try set.evaluate(json: bytes, explain: true) }
        switch (explained, explainedExpected) {
        case (.success(var mine), .success(let theirs)):
            let events = mine.explanation.filter { $0.kind == .event }
            if mine.status != .notEligible {
                #expect(events.map(\.rule) == left.types.map { "events.\($0)" }, "\(line)", sourceLocation: sourceLocation)
                // After the eligibility rules, before the window.
                let last = mine.explanation.lastIndex { $0.kind == .event }
                #expect(last.map { $0 + 1 < mine.explanation.count && mine.explanation[$0 + 1].kind == .window } ?? false,
                        sourceLocation: sourceLocation)
            }
            mine.explanation.removeAll { $0.kind == .event }
            #expect(mine == theirs, "\(line)", sourceLocation: sourceLocation)
        default:
            #expect(explained == explainedExpected, "\(line)", sourceLocation: sourceLocation)
        }
        // Decoding is untouched; deciding the decoded value leaves the same events out.
        let decoded = Result { () throws(EvaluationError) -> Snapshot in try set.decodeSnapshot(bytes) }
        #expect(decoded == Result { () throws(EvaluationError) -> Snapshot in try oracle.decode(bytes) }, "\(line)", sourceLocation: sourceLocation)
        if case .success(let snapshot) = decoded {
            #expect(Result { () throws(EvaluationError) -> Decision in try set.evaluate(snapshot) } == expected, "\(line)",
                    sourceLocation: sourceLocation)
        }
        var appended: [UInt8] = [1, 2]
        let written = Result { () throws(EvaluationError) -> Bool in try set.appendDecision(json: bytes, to: &appended); return true }
        switch expected {
        case .success(let d):
            #expect(written == .success(true), sourceLocation: sourceLocation)
            #expect(String(decoding: appended.dropFirst(2), as: UTF8.self) == DecisionEncoder.json(d), "\(line)", sourceLocation: sourceLocation)
            return d
        case .failure(let error):
            #expect(written == .failure(error), sourceLocation: sourceLocation)
            #expect(appended == [1, 2], sourceLocation: sourceLocation)
            return nil
        }
    }
}
