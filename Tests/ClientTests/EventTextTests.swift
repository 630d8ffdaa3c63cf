import ChatClient
import ChatWire
import Testing

/// Frames as the session reads them: chat events through ChatWire's
/// lenient reading, anything else kept as text to show.
@Suite("Event text")
struct EventTextTests {
    @Test func readsAJoinedEventWithHistory() {
        var session = Self.welcomed()
        let text = #"{"type":"joined","room":"lobby","members":2,"seq":7,"history":[{"type":"message","room":"lobby","seq":7,"id":"c2","name":"ann","text":"hi","ts":1700000000000}]}"#
        let message = ChatMessage(room: "lobby", seq: 7, id: "c2", name: "ann", text: "hi", ts: 1_700_000_000_000)
        #expect(session.receive(text: text) == [.show(.joinedRoom("lobby", members: 2)), .show(.message(message, own: false))])
    }

    @Test func loneSurrogatesBecomeReplacementCharactersAndSurrogatePairsJoin() {
        var session = Self.welcomed()
        let text = #"{"type":"broadcast","id":"c2","name":"b\ud800","text":"q\"\/\u00e9 \ud83d\ude00 \udc00x","ts":5}"#
        let broadcast = ChatEvent.Broadcast(id: "c2", name: "b\u{FFFD}", text: "q\"/é 😀 \u{FFFD}x", ts: 5)
        #expect(session.receive(text: text) == [.show(.broadcast(broadcast, own: false))])
    }

    @Test func keepsLargeNumbersExact() {
        var session = Self.welcomed()
        let text = #"{"type":"message","room":"r","seq":18446744073709551615,"id":"c2","name":"b","text":"t","ts":0}"#
        let message = ChatMessage(room: "r", seq: .max, id: "c2", name: "b", text: "t", ts: 0)
        #expect(session.receive(text: text) == [.show(.message(message, own: false))])
    }

    @Test(arguments: [
        "", "{", "[1,]", "{\"a\" 1}", "tru", "\"open", "01x", "{} x", "\"\u{01}\"", "plain words",
        #"{"type":"future"}"#, #"{"type":"message","room":"r"}"#, String(repeating: "[", count: 100),
    ])
    func keepsAnythingElseAsText(_ text: String) {
        var session = Self.welcomed()
        #expect(session.receive(text: text) == [.show(.unrecognised(text))])
    }

    @Test func readsTheOtherEvents() {
        var session = Self.welcomed()
        #expect(session.receive(text: #"{"type":"rooms","rooms":[{"room":"a","members":3}]}"#)
            == [.show(.roomList([ChatEvent.RoomCount(room: "a", members: 3)], total: nil))])
        #expect(session.receive(text: #"{"type":"error","code":"bad_room","message":"no","ref":"join:x"}"#)
            == [.show(.refused(ChatError(.badRoom, "no", ref: .string("join:x"))))])
        #expect(session.receive(text: #"{"type":"ack","ref":1,"seq":2}"#) == [])
    }

    private static func welcomed() -> ChatSession {
        var session = ChatSession(url: "ws://h/", rooms: [])
        _ = session.connectionOpened()
        _ = session.receive(text: #"{"type":"welcome","id":"c1","name":"ann"}"#)
        return session
    }
}
