import Testing
@testable import ws_client

/// The JSON reader and the server events read with it.
@Suite("JSONReader and ServerEvent")
struct JSONReaderTests {
    @Test func readsNestedValues() throws {
        let value = try JSONReader.parse(#" {"a":[1,-2.5e3,true,false,null],"b":{"c":"d"}} "#)
        #expect(value["a"] == .array([.number("1"), .number("-2.5e3"), .bool(true), .bool(false), .null]))
        #expect(value["b"]?["c"]?.string == "d")
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let value = try JSONReader.parse(#""q\"b\\s\/n\nt\tu\u00e9 \ud83d\ude00 \ud800x""#)
        #expect(value.string == "q\"b\\s/n\nt\tué 😀 \u{FFFD}x")
    }

    @Test func keepsLargeNumbersExact() throws {
        #expect(try JSONReader.parse("18446744073709551615").uint64 == UInt64.max)
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "tru", "\"open", "01x", "{} x", "\"\u{01}\""])
    func rejectsMalformedText(_ text: String) {
        #expect(throws: JSONReader.Failure.self) { try JSONReader.parse(text) }
    }

    @Test func rejectsDeepNesting() {
        #expect(throws: JSONReader.Failure.self) { try JSONReader.parse(String(repeating: "[", count: 100)) }
    }

    @Test func readsAJoinedEventWithHistory() {
        let text = #"{"type":"joined","room":"lobby","members":2,"seq":7,"history":[{"type":"message","room":"lobby","seq":7,"id":"c1","name":"ann","text":"hi","ts":1700000000000}]}"#
        let message = ChatMessage(room: "lobby", seq: 7, id: "c1", name: "ann", text: "hi", ts: 1_700_000_000_000)
        #expect(ServerEvent(text: text) == .joined(room: "lobby", members: 2, seq: 7, history: [message]))
    }

    @Test func readsTheOtherEvents() {
        #expect(ServerEvent(text: #"{"type":"welcome","id":"c3","name":"guest-3"}"#) == .welcome(id: "c3", name: "guest-3"))
        #expect(ServerEvent(text: #"{"type":"presence","room":"r","event":"nick","id":"c2","name":"bo"}"#)
            == .presence(room: "r", change: "nick", id: "c2", name: "bo"))
        #expect(ServerEvent(text: #"{"type":"rooms","rooms":[{"room":"a","members":3}]}"#)
            == .rooms([ServerEvent.RoomCount(room: "a", members: 3)]))
        #expect(ServerEvent(text: #"{"type":"error","code":"bad_room","message":"no","ref":"join:x"}"#)
            == .error(code: "bad_room", message: "no", ref: "join:x"))
        #expect(ServerEvent(text: #"{"type":"ack","ref":1,"seq":2}"#) == .ack)
    }

    @Test func keepsAnythingElseAsText() {
        #expect(ServerEvent(text: "plain words") == .unrecognised("plain words"))
        #expect(ServerEvent(text: #"{"type":"future"}"#) == .unrecognised(#"{"type":"future"}"#))
        #expect(ServerEvent(text: #"{"type":"message","room":"r"}"#) == .unrecognised(#"{"type":"message","room":"r"}"#))
    }
}
