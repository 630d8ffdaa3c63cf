import BenchKit
import ChatWire
import Glibc
import SystemKit
import TestSupport
import Testing

/// `--payload json`: JSON-like text after the marker, escaped inside the
/// request, delivered whole; and the default a-z padding.
@Suite("Payload")
struct PayloadTests {
    private func run(_ arguments: String) throws -> BenchReport {
        try BenchRun.run(arguments)
    }

    @Test func lettersAreWsloadsPadding() {
        #expect(Payload.letters.padding(count: 28, insideJSONString: true) == Array("abcdefghijklmnopqrstuvwxyzab".utf8))
    }

    @Test func jsonIsJSONWithoutMarkerCharacters() throws {
        let text = Payload.json.padding(count: 1024, insideJSONString: false)
        #expect(text.count >= 1024)
        let parsed = try JSONParser.parse(text)
        #expect((parsed.arrayValue?.count ?? 0) > 3)
        #expect(parsed.arrayValue?.first?["user"]?["name"]?.stringValue != nil)
        #expect(!text.contains(UInt8(ascii: "@")) && !text.contains(UInt8(ascii: "\\")))
    }

    /// Inside a request the same text goes escaped: the server reads it back whole.
    @Test func insideARequestItIsEscaped() throws {
        let raw = Payload.json.padding(count: 300, insideJSONString: false)
        let escaped = Payload.json.padding(count: 300, insideJSONString: true)
        let request = Array(#"{"type":"message","text":""#.utf8) + escaped + Array(#""}"#.utf8)
        let parsed = try ChatRequest.parse(request).get()
        #expect(parsed.kind == .message(text: String(decoding: raw, as: UTF8.self), room: nil))
    }

    @Test func fanoutDeliversEveryJSONMessage() throws {
        let report = try run("fanout --clients 10 --rate max --window 4 --size 1024 --payload json --duration 0.5")
        #expect(report.exitCode == 0 && report.completeness == 1.0 && report.tally.received > 0)
        #expect(report.tally.foreignMarkers == 0 && report.tally.badMarkers == 0)
        #expect(report.tally.messageBytes / report.tally.messages > 1024)
        #expect(report.text.contains("size=1024 payload=json"))
    }

    /// A text cut right after an escape's backslash would escape the
    /// request's closing quote: that last byte goes as a space, so the
    /// server still reads every message. The size is chosen so that the
    /// first ten messages of sender 0 (sequence 0 to 9) are cut there.
    @Test func aCutInsideAnEscapeStillMakesAValidRequest() throws {
        let nanos = MonotonicClock.nanoseconds()
        let markerLength = "@T0:0:@".utf8.count + LatencyMarker.digitCount(nanos)
        let size = try #require((200..<400).first { size in
            Payload.json.padding(count: size, insideJSONString: true)[size - markerLength - 1] == UInt8(ascii: "\\")
        })
        let report = try run("fanout --clients 3 --rate 20 --duration 0.3 --payload json --size \(size)")
        #expect(report.exitCode == 0 && report.tally.sent > 0 && report.completeness == 1.0)
    }
}
