import Testing
@testable import ReferralPolicy

/// The `attributes` object of one or two members read straight on
/// (``SnapshotScanner/usualAttributeMembers(_:)``, called by the event and referrer readers
/// before the object's own reader) reads what the general way reads, or leaves the bytes to it
/// untouched: compared with the general way at the object's place in a whole snapshot line (on
/// the referrer and on an event), on objects of every shape near the usual one, on every
/// one-byte change of a usual object and on the line cut anywhere in it; whole lines decide as
/// the oracle decides.
@Suite struct SnapshotUsualAttributeTests {
    typealias Records = SnapshotUsualRecordTests

    static let usualObjects: [String] = [
        #"{"top_rated":false}"#,
        #"{"top_rated":true}"#,
        #"{"paid_from":"balance"}"#,
        #"{"category":"marketing"}"#,
        #"{"job_id":"job_40ZX6YE81N"}"#,
        #"{"a":1}"#,
        #"{"a":-2}"#,
        #"{"a":0}"#,
        #"{"a":999999999999999999}"#,
        #"{"a":""}"#,
        #"{"":1}"#,
        #"{"a":"a text of more than sixteen bytes"}"#,
        #"{"a name of more than sixteen bytes":true}"#,
        #"{"a":1,"b":2}"#,
        #"{"ab":1,"a":true}"#,
        #"{"a":false,"A":"x"}"#,
        #"{"paid_from":"card","k":1}"#,
        #"{"a name of more than sixteen bytes":1,"a name of more than sixteen byte":2}"#,
    ]

    /// Left to the object's own reader: none of them one or two members in the usual shape.
    static let otherObjects: [String] = [
        #"{}"#,
        #"{"a":1,"b":2,"c":3}"#,
        #"{"a":1,"a":2}"#,
        #"{"a":"x","a":true}"#,
        #"{"a name of more than sixteen bytes":1,"a name of more than sixteen bytes":2}"#,
        #"{ "a":1}"#,
        #"{"a" :1}"#,
        #"{"a": 1}"#,
        #"{"a":1 }"#,
        #"{"a":1 ,"b":2}"#,
        #"{"a":1, "b":2}"#,
        #"{"a":1,}"#,
        #"{"a":1,"b":2,}"#,
        #"{"a\u0062":1}"#,
        #"{"a":1,"a\u0062":1}"#,
        #"{"é":1}"#,
        #"{"a":"é"}"#,
        #"{"a":"t\"ext"}"#,
        #"{"a":null}"#,
        #"{"a":1.5}"#,
        #"{"a":1e3}"#,
        #"{"a":012}"#,
        #"{"a":-}"#,
        #"{"a":9223372036854775808}"#,
        #"{"a":[1]}"#,
        #"{"a":{}}"#,
        #"{"a":tru}"#,
        #"{"a":fals}"#,
        #"{"a":truex}"#,
        #"{"a":falsey}"#,
        #"{"a":1,"b":truex}"#,
        #"{"a":1]"#,
        #"{"a":1,"b":2]"#,
        #"null"#,
        #"[]"#,
        #""x""#,
    ]

    static let places: [SnapshotContext] = [.referrer, .event(0)]

    @Test func usualObjectsAreReadAsTheGeneralWayReadsThem() {
        for ctx in Self.places {
            for object in Self.usualObjects { #expect(Records.agree(.attributeMembers(ctx), object), "\(object) at \(ctx)") }
        }
    }

    @Test func otherObjectsAreLeftToTheObjectsOwnReader() {
        for ctx in Self.places {
            for object in Self.otherObjects { #expect(!Records.agree(.attributeMembers(ctx), object), "\(object) at \(ctx)") }
        }
    }

    @Test(arguments: 0..<usualObjects.count)
    func everyOneByteChange(_ index: Int) {
        for ctx in Self.places {
            Records.checkEveryOneByteChange("attributes at \(ctx)", .attributeMembers(ctx), Self.usualObjects[index])
        }
    }

    @Test(arguments: 0..<usualObjects.count)
    func theEndOfTheInput(_ index: Int) {
        for ctx in Self.places {
            Records.checkTheEndOfTheInput("attributes at \(ctx)", .attributeMembers(ctx), Self.usualObjects[index])
        }
    }

    static let wholeLines: [(SnapshotContext, String)] = [
        (.referrer, #"{"top_rated":true}"#), (.event(0), #"{"paid_from":"balance"}"#),
        (.referrer, #"{"top_rated":false,"k":1}"#), (.event(0), #"{"paid_from":"card","k":"x"}"#),
    ]

    /// Whole lines with a usual object of one and of two members on the referrer and on an
    /// event, and every one-byte change of the object, decide as the oracle decides (the
    /// snapshot scanned from its start, so the event and referrer readers call the reader).
    @Test(arguments: 0..<wholeLines.count)
    func wholeLinesAgreeWithTheOracle(_ index: Int) {
        let (ctx, object) = Self.wholeLines[index]
        Records.checkWholeLines(.attributeMembers(ctx), object)
    }
}
