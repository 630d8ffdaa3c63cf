import ChatClient
import ChatWire
import Testing
import WSProtocol

/// How notices look on screen.
@Suite("ChatView")
struct ChatViewTests {
    let plain = ChatView(style: TextStyle(enabled: false), clock: { _ in "12:34:56" })

    @Test func messageLines() {
        let message = ChatMessage(room: "lobby", seq: 1, id: "c1", name: "ann", text: "hi", ts: 0)
        #expect(plain.lines(.message(message, own: false)) == ["[12:34:56] #lobby ann: hi"])
        #expect(plain.lines(.message(message, own: true)) == ["[12:34:56] #lobby ann (you): hi"])
        #expect(plain.lines(.broadcast(.init(id: "c2", name: "bob", text: "all", ts: 0), own: false)) == ["[12:34:56] [broadcast] bob: all"])
    }

    @Test func multiLineMessagesAreIndentedAndEveryPieceIsNeutralised() {
        let message = ChatMessage(room: "r", seq: 1, id: "c1", name: "a\u{1B}", text: "one\n[12:00:00] #r boss: fake\r\n\u{1B}]0;x", ts: 0)
        #expect(plain.lines(.message(message, own: false)) == [
            "[12:34:56] #r a^[: one", "    [12:00:00] #r boss: fake", "    ^[]0;x",
        ])
    }

    @Test func presenceAndStatus() {
        #expect(plain.lines(.presence(room: "r", name: "ann", change: .joined)) == ["* ann joined #r"])
        #expect(plain.lines(.presence(room: "r", name: "ann", change: .left)) == ["* ann left #r"])
        #expect(plain.lines(.presence(room: "r", name: "rob", change: .renamed(from: "bob"))) == ["* bob is now rob"])
        #expect(plain.lines(.roomList([.init(room: "a", members: 2)])) == ["* rooms: #a (2)"])
        #expect(plain.lines(.members(room: "a", names: ["ann (you)", "bob"])) == ["* in #a: ann (you), bob"])
        #expect(plain.lines(.rejoinedRoom("a", recovered: 2)) == ["* rejoined #a, 2 missed messages recovered"])
        #expect(plain.lines(.messagesLost(room: "a", 4...7)) == ["* #a: messages 4–7 were missed and could not be recovered"])
    }

    @Test func closesAndErrorsAreExplained() {
        let close = Disconnection.closedByServer(.policyViolation, reason: "slow consumer")
        #expect(plain.lines(.disconnected(close)) == ["* server closed the connection: 1008 slow consumer"])
        #expect(plain.lines(.refused(ChatError(.badRoom, "no such"))) == ["! error: no such (bad_room)"])
        #expect(plain.lines(.reconnecting(after: 1.25)) == ["* reconnecting in 1.3 s"])
    }

    @Test func errorsAreRedWhenColoured() {
        let coloured = ChatView(style: TextStyle(enabled: true), clock: { _ in "00:00:00" })
        #expect(coloured.lines(.refused(ChatError(.noRoom, "y"))) == ["\u{1B}[31m! error: y (no_room)\u{1B}[0m"])
    }

    @Test func unrecognisedFramesAreShownSafely() {
        #expect(plain.lines(.unrecognised("a\u{1B}[2Jb\nc")) == ["< a^[[2Jb", "< c"])
        #expect(plain.lines(.binary(byteCount: 3)) == ["< [binary message, 3 bytes]"])
    }

    @Test func closeDecisions() {
        #expect(Disconnection.closedByServer(.normalClosure, reason: "").allowsReconnect == false)
        #expect(Disconnection.closedByServer(.policyViolation, reason: "").allowsReconnect == false)
        #expect(Disconnection.closedByServer(.goingAway, reason: "").allowsReconnect)
        #expect(Disconnection.lost("x").allowsReconnect)
        #expect(Disconnection.protocolFailure("x").allowsReconnect)
    }
}
