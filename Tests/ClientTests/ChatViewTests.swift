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
        let ann = ChatMember(id: "c1", name: "ann")
        #expect(plain.lines(.presence(room: "r", member: ann, change: .joined)) == ["* ann joined #r"])
        #expect(plain.lines(.presence(room: "r", member: ann, change: .left)) == ["* ann left #r"])
        #expect(plain.lines(.presence(room: "r", member: ChatMember(id: "c2", name: "rob"), change: .renamed(from: "bob")))
            == ["* bob is now rob"])
        #expect(plain.lines(.roomList([.init(room: "a", members: 2)], total: nil)) == ["* rooms: #a (2)"])
        let members = [ann, ChatMember(id: "c2", name: "bob")]
        #expect(plain.lines(.members(room: "a", members: members, ownID: "c1", total: nil)) == ["* in #a: ann (you), bob"])
        #expect(plain.lines(.rejoinedRoom("a", recovered: 2)) == ["* rejoined #a, 2 missed messages recovered"])
        #expect(plain.lines(.messagesLost(room: "a", 4...7)) == ["* #a: messages 4–7 were missed and could not be recovered"])
        #expect(plain.lines(.messagesLost(room: "a", 0...UInt64.max))
            == ["* #a: messages 0–18446744073709551615 were missed and could not be recovered"])
        #expect(plain.lines(.historyNotRecovered(room: "a")) == ["* #a: history could not be fully recovered, so the view was reset"])
        #expect(plain.lines(.historyLost(room: "a")) == ["* #a: the server lost the room's history; its numbering restarted"])
    }

    @Test func closesAndErrorsAreExplained() {
        let close = Disconnection.closedByServer(.policyViolation, reason: "slow consumer")
        #expect(plain.lines(.disconnected(close)) == ["* server closed the connection: 1008 slow consumer"])
        #expect(plain.lines(.refused(ChatError(.badRoom, "no such"))) == ["! error: no such (bad_room)"])
        #expect(plain.lines(.reconnecting(after: 1.25)) == ["* reconnecting in 1.3 s"])
        #expect(plain.lines(.notReconnecting("why")) == ["* not reconnecting: why"])
        #expect(plain.lines(.notDelivered)
            == ["! not delivered: the server cannot reach its backplane; try again later"])
        #expect(plain.lines(.joinRetry(room: "a", after: 2))
            == ["* #a: the server cannot reach its backplane; joining again in 2.0 s"])
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
