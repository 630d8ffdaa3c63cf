import ChatClient
import ChatWire
import Testing

/// Protocol v2 in the session, fed server events as JSON text: resuming
/// with `since` and `epoch`, `recovered: false`, `reset`, and `unavailable`.
@Suite("Protocol v2 in the session")
struct ProtocolV2Tests {
    @Test func aReconnectResumesEveryRoomWithItsSeqAndEpoch() {
        var session = Self.session(rooms: ["a", "b"])
        _ = session.receive(text: #"{"type":"joined","room":"a","members":1,"seq":3,"epoch":"E1","history":[]}"#)
        _ = session.receive(text: #"{"type":"joined","room":"b","members":1,"seq":0,"epoch":"E2","history":[]}"#)
        _ = session.receive(text: Self.message(room: "a", seq: 4))
        _ = session.connectionEnded(.lost("gone"))
        _ = session.connectionOpened()
        #expect(Self.sent(session.receive(text: #"{"type":"welcome","id":"c2","name":"ann"}"#)) == [
            #"{"type":"join","room":"a","since":4,"epoch":"E1","ref":"join:a"}"#,
            #"{"type":"join","room":"b","since":0,"epoch":"E2","ref":"join:b"}"#,
        ])
    }

    @Test func aRecoveredResumeShowsWhatWasMissed() {
        var session = Self.resuming(seq: 4, epoch: "E1")
        let outputs = session.receive(text: Self.joined(seq: 5, epoch: "E1", history: [5], recovered: true))
        #expect(outputs == [.show(.rejoinedRoom("a", recovered: 1)), .show(.message(Self.chatMessage(5), own: false))])
    }

    @Test func anUnrecoveredResumeInTheSameEpochSaysSoAndKeepsWhatItCan() {
        var session = Self.resuming(seq: 4, epoch: "E1")
        let outputs = session.receive(text: Self.joined(seq: 9, epoch: "E1", history: [3, 8, 9], recovered: false))
        #expect(outputs == [
            .show(.rejoinedRoom("a", recovered: 2)), .show(.historyNotRecovered(room: "a")),
            .show(.messagesLost(room: "a", 5...7)),
            .show(.message(Self.chatMessage(8), own: false)), .show(.message(Self.chatMessage(9), own: false)),
        ])
        #expect(session.receive(text: Self.message(room: "a", seq: 10)).count == 1)
    }

    @Test func anUnrecoveredResumeInAnotherEpochResetsTheView() {
        var session = Self.resuming(seq: 40, epoch: "E1")
        let outputs = session.receive(text: Self.joined(seq: 2, epoch: "E2", history: [1, 2], recovered: false))
        #expect(outputs == [
            .show(.rejoinedRoom("a", recovered: nil)), .show(.historyNotRecovered(room: "a")),
            .show(.message(Self.chatMessage(1), own: false)), .show(.message(Self.chatMessage(2), own: false)),
        ])
        // Numbered in the new epoch from here: 3 is new, not a duplicate of the old 3.
        #expect(session.receive(text: Self.message(room: "a", seq: 3)) == [.show(.message(Self.chatMessage(3), own: false))])
        _ = session.connectionEnded(.lost("x"))
        _ = session.connectionOpened()
        #expect(Self.sent(session.receive(text: #"{"type":"welcome","id":"c3","name":"ann"}"#))
            == [#"{"type":"join","room":"a","since":3,"epoch":"E2","ref":"join:a"}"#])
    }

    @Test func aResetAdoptsTheNewEpochAndSeq() {
        var session = Self.session(rooms: ["a"])
        _ = session.receive(text: #"{"type":"joined","room":"a","members":1,"seq":10,"epoch":"E1","history":[]}"#)
        #expect(session.receive(text: #"{"type":"reset","room":"a","epoch":"E2","seq":0}"#) == [.show(.historyLost(room: "a"))])
        #expect(session.receive(text: Self.message(room: "a", seq: 1)) == [.show(.message(Self.chatMessage(1), own: false))])
        #expect(session.receive(text: #"{"type":"reset","room":"elsewhere","epoch":"E9","seq":0}"#) == [])
        _ = session.connectionEnded(.lost("x"))
        _ = session.connectionOpened()
        #expect(Self.sent(session.receive(text: #"{"type":"welcome","id":"c3","name":"ann"}"#))
            == [#"{"type":"join","room":"a","since":1,"epoch":"E2","ref":"join:a"}"#])
    }

    @Test func anUnavailableMessageIsReportedUndelivered() {
        var session = Self.session(rooms: ["a"])
        let error = #"{"type":"error","code":"unavailable","message":"backplane unreachable"}"#
        #expect(session.receive(text: error) == [.show(.notDelivered)])
    }

    @Test func anUnavailableJoinIsRetriedWithBackoffUntilItSucceeds() throws {
        var session = Self.session(rooms: [])
        let dev = ChatRequest(.join(room: try #require(RoomName("dev")), since: nil, epoch: nil), ref: .string("join:dev"))
        #expect(session.perform(.join("dev")) == [.send(dev)])
        let refusal = #"{"type":"error","code":"unavailable","message":"later","ref":"join:dev"}"#
        #expect(session.receive(text: refusal) == [.show(.joinRetry(room: "dev", after: 0.5)), .sendLater(dev, after: 0.5)])
        #expect(session.receive(text: refusal) == [.show(.joinRetry(room: "dev", after: 1)), .sendLater(dev, after: 1)])
        #expect(session.receive(text: #"{"type":"joined","room":"dev","members":1,"seq":0,"epoch":"E","history":[]}"#)
            == [.show(.joinedRoom("dev", members: 1))])
        _ = session.perform(.leave("dev"))
        _ = session.receive(text: #"{"type":"left","room":"dev"}"#)
        let again = ChatRequest(.join(room: try #require(RoomName("dev")), since: 0, epoch: Epoch("E")), ref: .string("join:dev"))
        #expect(session.perform(.join("dev")) == [.send(again)])
        // The success reset the backoff.
        #expect(session.receive(text: refusal) == [.show(.joinRetry(room: "dev", after: 0.5)), .sendLater(again, after: 0.5)])
    }

    @Test func aJoinRefusedForGoodIsNotRetried() {
        var session = Self.session(rooms: [])
        _ = session.perform(.join("dev"))
        let refusal = #"{"type":"error","code":"forbidden","message":"not for you","ref":"join:dev"}"#
        #expect(session.receive(text: refusal) == [.show(.refused(ChatError(.forbidden, "not for you", ref: .string("join:dev"))))])
        #expect(session.receive(text: refusal) == [.show(.refused(ChatError(.forbidden, "not for you", ref: .string("join:dev"))))])
    }

    @Test func listingsSayWhenTheServerCutThem() {
        var session = Self.session(rooms: [])
        let rooms = #"{"type":"rooms","rooms":[{"room":"a","members":9}],"total":1500,"truncated":true}"#
        #expect(session.receive(text: rooms) == [.show(.roomList([.init(room: "a", members: 9)], total: 1500))])
        let who = #"{"type":"who","room":"a","members":[{"id":"c1","name":"ann"}],"total":1200,"truncated":true}"#
        #expect(session.receive(text: who)
            == [.show(.members(room: "a", members: [ChatMember(id: "c1", name: "ann")], ownID: "c1", total: 1200))])
    }

    /// Connected and welcomed as `c1`, with `rooms` asked for at start.
    static func session(rooms: [String]) -> ChatSession {
        var session = ChatSession(url: "ws://h/", rooms: rooms, retryPolicy: ReconnectPolicy(unitRandom: { 1 }))
        _ = session.connectionOpened()
        _ = session.receive(text: #"{"type":"welcome","id":"c1","name":"ann"}"#)
        return session
    }

    /// In room `a` at `seq` of `epoch`, reconnected, its join sent again.
    private static func resuming(seq: UInt64, epoch: String) -> ChatSession {
        var session = Self.session(rooms: ["a"])
        _ = session.receive(text: #"{"type":"joined","room":"a","members":1,"seq":\#(seq),"epoch":"\#(epoch)","history":[]}"#)
        _ = session.connectionEnded(.lost("x"))
        _ = session.connectionOpened()
        _ = session.receive(text: #"{"type":"welcome","id":"c2","name":"ann"}"#)
        return session
    }

    static func message(room: String, seq: UInt64) -> String {
        #"{"type":"message","room":"\#(room)","seq":\#(seq),"id":"c5","name":"eve","text":"m\#(seq)","ts":0}"#
    }

    static func chatMessage(_ seq: UInt64) -> ChatMessage {
        ChatMessage(room: "a", seq: seq, id: "c5", name: "eve", text: "m\(seq)", ts: 0)
    }

    private static func joined(seq: UInt64, epoch: String, history: [UInt64], recovered: Bool) -> String {
        let messages = history.map { message(room: "a", seq: $0) }.joined(separator: ",")
        return #"{"type":"joined","room":"a","members":2,"seq":\#(seq),"epoch":"\#(epoch)","history":[\#(messages)],"recovered":\#(recovered)}"#
    }

    static func sent(_ outputs: [ChatSession.Output]) -> [String] {
        outputs.compactMap { output in
            guard case .send(let request) = output else { return nil }
            return String(decoding: request.json, as: UTF8.self)
        }
    }
}
