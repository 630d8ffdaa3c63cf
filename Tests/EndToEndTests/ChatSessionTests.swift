import TestSupport
import Testing
import WSClient
import WSProtocol

/// The chat endpoint over real sockets: the flows of docs/protocol.md and the
/// close codes for broken input.
@Suite("End to end: chat sessions")
struct ChatSessionTests {
    @Test func welcomeComesFirstThenTheQueryRooms() throws {
        let server = try TestServer()
        defer { server.stop() }
        let alice = try ChatTestClient(server, query: "room=lobby&room=dev&name=alice")
        let welcome = try alice.next()
        #expect(welcome["type"] as? String == "welcome")
        #expect(welcome["name"] as? String == "alice")
        #expect((welcome["id"] as? String)?.isEmpty == false)
        #expect(try alice.next()["room"] as? String == "lobby")
        #expect(try alice.next()["room"] as? String == "dev")
    }

    @Test func messagesReachEveryMemberInSeqOrderWithAnAck() throws {
        let server = try TestServer()
        defer { server.stop() }
        let alice = try ChatTestClient(server, query: "room=lobby&name=alice")
        let bob = try ChatTestClient(server, query: "room=lobby&name=bob")
        _ = try alice.next(type: "joined")
        _ = try bob.next(type: "joined")
        try alice.send(["type": "message", "text": "one", "ref": "r1"])
        let own = try alice.next(type: "message")
        #expect(own["type"] as? String == "message" && own["seq"] as? Int == 1 && own["name"] as? String == "alice")
        let ack = try alice.next()
        #expect(ack["type"] as? String == "ack" && ack["ref"] as? String == "r1" && ack["seq"] as? Int == 1)
        try bob.send(text: "two, as plain text")
        let seenByBob = try [bob.next(type: "message"), bob.next(type: "message")]
        #expect(seenByBob.map { $0["text"] as? String } == ["one", "two, as plain text"])
        #expect(seenByBob.map { $0["seq"] as? Int } == [1, 2])
        let seenByAlice = try alice.next(type: "message")
        #expect(seenByAlice["text"] as? String == "two, as plain text" && seenByAlice["seq"] as? Int == 2)
    }

    @Test func sinceRecoversWhatTheHistoryStillHolds() throws {
        let server = try TestServer { $0.chat.historySize = 3 }
        defer { server.stop() }
        let writer = try ChatTestClient(server, query: "room=news")
        _ = try writer.next(type: "joined")
        for index in 1...5 {
            try writer.send(["type": "message", "text": "item \(index)"])
            _ = try writer.next(type: "message")
        }
        let reader = try ChatTestClient(server, query: "room=news&since=1")
        let joined = try reader.next(type: "joined")
        let history = try #require(joined["history"] as? [[String: Any]])
        #expect(history.compactMap { $0["seq"] as? Int } == [3, 4, 5])
        #expect(joined["seq"] as? Int == 5)
    }

    @Test func anAbruptDisconnectIsAnnouncedToTheRoom() throws {
        let server = try TestServer()
        defer { server.stop() }
        let stayer = try ChatTestClient(server, query: "room=lobby")
        _ = try stayer.next(type: "joined")
        var leaver: ChatTestClient? = try ChatTestClient(server, query: "room=lobby&name=gone")
        _ = try leaver?.next(type: "joined")
        #expect(try stayer.next(type: "presence")["event"] as? String == "join")
        leaver = nil  // closes the socket without a close frame
        let presence = try stayer.next(type: "presence")
        #expect(presence["event"] as? String == "leave" && presence["name"] as? String == "gone")
    }

    @Test func broadcastsReachClientsInNoRoom() throws {
        let server = try TestServer()
        defer { server.stop() }
        let speaker = try ChatTestClient(server, query: "room=lobby")
        let roomless = try ChatTestClient(server)
        _ = try speaker.next(type: "joined")
        _ = try roomless.next(type: "welcome")
        try speaker.send(["type": "broadcast", "text": "attention"])
        #expect(try roomless.next(type: "broadcast")["text"] as? String == "attention")
    }

    @Test func binaryFramesCloseWith1003() throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = try ChatTestClient(server)
        try client.socket.send(binary: [1, 2, 3])
        #expect(try client.closeFrame()?.0 == .unsupportedData)
    }

    @Test func invalidUTF8ClosesWith1007() throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = try ChatTestClient(server)
        try client.socket.sendRaw(FrameEncoder.frame(opcode: .text, payload: [0x68, 0xC3, 0x28], mask: MaskKey(1, 2, 3, 4)))
        #expect(try client.closeFrame()?.0 == .invalidPayload)
    }

    @Test func anUnmaskedClientFrameClosesWith1002() throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = try ChatTestClient(server)
        try client.socket.sendRaw(FrameEncoder.frame(opcode: .text, payload: Array("hi".utf8)))
        #expect(try client.closeFrame()?.0 == .protocolError)
    }

    @Test func messagesOverTheLimitCloseWith1009EvenWhenFragmented() throws {
        let server = try TestServer { $0.maxMessageSize = 1000 }
        defer { server.stop() }
        let whole = try ChatTestClient(server)
        try whole.send(text: String(repeating: "x", count: 1001))
        #expect(try whole.closeFrame()?.0 == .messageTooBig)
        let fragmented = try ChatTestClient(server)
        let half = [UInt8](repeating: 0x61, count: 600)
        try fragmented.socket.sendRaw(FrameEncoder.frame(opcode: .text, fin: false, payload: half, mask: MaskKey(9, 9, 9, 9)))
        try fragmented.socket.sendRaw(FrameEncoder.frame(opcode: .continuation, payload: half, mask: MaskKey(9, 9, 9, 9)))
        #expect(try fragmented.closeFrame()?.0 == .messageTooBig)
    }

    @Test func theCloseHandshakeEchoesTheCode() throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = try ChatTestClient(server)
        try client.socket.close(code: CloseCode(4000), reason: "bye")
        #expect(try client.closeFrame()?.0 == CloseCode(4000))
    }

    /// The replies to requests that arrive together with the client's close
    /// frame still go out, before the close reply (a script that sends a
    /// request and closes gets its answer).
    @Test func repliesOwedBeforeTheClientsCloseAreSent() throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = try ChatTestClient(server, query: "room=lobby")
        _ = try client.next(type: "joined")
        let request = FrameEncoder.frame(opcode: .text, payload: Array(#"{"type":"rooms","ref":1}"#.utf8), mask: MaskKey(1, 2, 3, 4))
        let close = FrameEncoder.frame(opcode: .close, payload: FrameEncoder.closePayload(code: .normalClosure, reason: ""), mask: MaskKey(5, 6, 7, 8))
        try client.socket.sendRaw(request + close)
        #expect(try client.next(type: "rooms")["ref"] as? Int == 1)
        #expect(try client.closeFrame()?.0 == .normalClosure)
    }
}
