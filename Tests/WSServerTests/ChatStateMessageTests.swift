import ChatWire
import Testing
@testable import WSServer

/// Messages, seq, history and `since` replay, broadcasts, acks, nicknames and refs.
@Suite("ChatState messages")
struct ChatStateMessageTests {
    @Test func messageGoesToEveryMemberIncludingTheSender() {
        var state = makeState()
        _ = state.open(c1, name: "ann", rooms: ["r"])
        _ = state.open(c2, rooms: ["r"])
        _ = state.open(c3, rooms: ["other"])
        let sent = state.send(c1, #"{"type":"message","text":"hello"}"#, at: at(2))
        #expect(sent.count == 1)
        #expect(Set(sent[0].recipients) == [c1, c2])
        let ts = at(2).epochMillis
        #expect(sent[0].event == json(#"{"type":"message","room":"r","seq":1,"id":"c1","name":"ann","text":"hello","ts":\#(ts)}"#))
    }

    @Test func recipientsAreTheRoomsOwnMemberArrayNotACopy() {
        var state = makeState()
        for serial in 1...50 { _ = state.open(client(UInt64(serial)), rooms: ["big"]) }
        let first = state.send(c1, "a")
        let second = state.send(c2, "b")
        let firstBase = first[0].recipients.withUnsafeBufferPointer { $0.baseAddress }
        let secondBase = second[0].recipients.withUnsafeBufferPointer { $0.baseAddress }
        #expect(firstBase == secondBase)
        #expect(first[0].recipients.count == 50)
    }

    @Test func seqIsPerRoomAndStartsAtOne() {
        var state = makeState()
        _ = state.open(c1, rooms: ["a", "b"])
        let seqs = [
            state.send(c1, #"{"type":"message","text":"1","room":"a"}"#),
            state.send(c1, #"{"type":"message","text":"2","room":"a"}"#),
            state.send(c1, #"{"type":"message","text":"3","room":"b"}"#),
            state.send(c1, "4"),
        ].map { $0[0].event?["seq"] }
        #expect(seqs == [.number("1"), .number("2"), .number("1"), .number("2")])
    }

    @Test func explicitRoomDoesNotChangeTheCurrentRoom() {
        var state = makeState()
        _ = state.open(c1, rooms: ["a", "b"])
        #expect(state.send(c1, #"{"type":"message","text":"x","room":"a"}"#)[0].event?["room"] == .string("a"))
        #expect(state.currentRoom(of: c1) == room("b"))
    }

    @Test func messageErrors() {
        var state = makeState()
        _ = state.open(c1)
        _ = state.open(c2, rooms: ["theirs"])
        #expect(state.send(c1, #"{"type":"message","text":"x","ref":1}"#)[0].event
            == json(#"{"type":"error","code":"no_room","message":"join a room first, or name one","ref":1}"#))
        #expect(state.send(c1, #"{"type":"message","text":"x","room":"theirs"}"#)[0].event?["code"] == .string("not_member"))
        #expect(state.send(c1, #"{"type":"message","text":"x","room":"ghost"}"#)[0].event?["code"] == .string("not_member"))
        #expect(state.send(c1, "plain")[0].event?["code"] == .string("no_room"))
    }

    @Test func plainTextIsAMessageToTheCurrentRoom() {
        var state = makeState()
        _ = state.open(c1, rooms: ["r"])
        let sent = state.send(c1, #"["not", "an object"]"#)
        #expect(sent[0].event?["text"] == .string(#"["not", "an object"]"#))
        #expect(sent[0].event?["room"] == .string("r"))
    }

    @Test func ackFollowsTheMessageWithSeqToTheSenderOnly() {
        var state = makeState()
        _ = state.open(c1, rooms: ["r"])
        _ = state.open(c2, rooms: ["r"])
        _ = state.send(c1, "first")
        let sent = state.send(c1, #"{"type":"message","text":"x","ref":"m-2"}"#)
        #expect(sent.map(\.type) == ["message", "ack"])
        #expect(sent[1].recipients == [c1])
        #expect(sent[1].event == json(#"{"type":"ack","ref":"m-2","seq":2}"#))
        #expect(state.send(c1, "no ref").map(\.type) == ["message"])
    }

    @Test func historyKeepsTheNewestMessagesOldestFirst() {
        var state = makeState(historySize: 3)
        _ = state.open(c1, rooms: ["r"])
        var payloads: [[UInt8]] = []
        for index in 1...5 { payloads.append(state.send(c1, "m\(index)")[0].payload ?? []) }
        let joined = state.open(c2, rooms: ["r"]).first { $0.type == "joined" }?.event
        #expect(joined?["seq"] == .number("5"))
        let history = joined?["history"]?.arrayValue ?? []
        #expect(history.map { $0["text"] } == [.string("m3"), .string("m4"), .string("m5")])
        #expect(history.last.map { JSONValue.object($0.objectValue ?? []) } == (try? JSONParser.parse(payloads[4])))
    }

    /// protocol.md, "Epochs and recovery": exactly the missed messages when
    /// the buffer still has them all, otherwise the whole buffer and
    /// `recovered: false` (the client must treat its view as reset).
    @Test(arguments: [
        (since: UInt64(0), texts: ["m3", "m4", "m5"], recovered: false),
        (since: UInt64(1), texts: ["m3", "m4", "m5"], recovered: false),
        (since: UInt64(2), texts: ["m3", "m4", "m5"], recovered: true),
        (since: UInt64(3), texts: ["m4", "m5"], recovered: true),
        (since: UInt64(4), texts: ["m5"], recovered: true),
        (since: UInt64(5), texts: [], recovered: true),
        (since: UInt64(99), texts: ["m3", "m4", "m5"], recovered: false),
        (since: UInt64.max, texts: ["m3", "m4", "m5"], recovered: false),
    ])
    func sinceReplaysExactlyWhatWasMissedOrSaysItCannot(since: UInt64, texts: [String], recovered: Bool) {
        var state = makeState(historySize: 3)
        _ = state.open(c1, rooms: ["r"])
        for index in 1...5 { _ = state.send(c1, "m\(index)") }
        _ = state.open(c2)
        let joined = state.send(c2, #"{"type":"join","room":"r","since":\#(since)}"#).first { $0.type == "joined" }?.event
        #expect(joined?["seq"] == .number("5"))
        #expect(joined?["history"]?.arrayValue?.map { $0["text"]?.stringValue ?? "" } == texts)
        #expect(joined?["recovered"] == .bool(recovered))
    }

    @Test func aWrongEpochIsNeverRecovered() {
        var state = makeState()
        _ = state.open(c1, rooms: ["r"])
        for index in 1...3 { _ = state.send(c1, "m\(index)") }
        let epoch = state.epoch(of: room("r")) ?? ""
        _ = state.open(c2)
        let right = state.send(c2, #"{"type":"join","room":"r","since":2,"epoch":"\#(epoch)"}"#)
        #expect(right.first { $0.type == "joined" }?.event?["recovered"] == .bool(true))
        let wrong = state.send(c2, #"{"type":"join","room":"r","since":2,"epoch":"other"}"#)
        #expect(wrong[0].event?["recovered"] == .bool(false))
        #expect(wrong[0].event?["history"]?.arrayValue?.count == 3)
        #expect(state.send(c2, #"{"type":"join","room":"r","epoch":"no spaces"}"#)[0].event?["code"] == .string("bad_request"))
    }

    /// Issue: three messages of 65,536 × U+0001 (six bytes each once
    /// escaped) made every later `joined` exceed the 1 MiB budget.
    @Test func historyIsBoundedInBytesSoEveryJoinedFitsOneReply() {
        var state = makeState { $0.maxReplyBytes = 1 << 20 }
        _ = state.open(c1, rooms: ["lobby"])
        let controls = String(repeating: "\u{1}", count: 65536)
        for _ in 1...5 { _ = state.send(c1, controls) }
        let joined = state.open(c2, rooms: ["lobby"]).first { $0.type == "joined" }
        #expect((joined?.payload?.count ?? .max) <= 1 << 20)
        #expect((joined?.event?["history"]?.arrayValue?.count ?? 0) >= 2)
    }

    @Test func aReplayThatDoesNotFitIsTrimmedAndNotRecovered() {
        var state = makeState { $0.maxReplyBytes = 4096 }
        _ = state.open(c1, rooms: ["r"])
        for index in 1...6 { _ = state.send(c1, "\(index)" + String(repeating: "x", count: 900)) }
        _ = state.open(c2)
        let joined = state.send(c2, #"{"type":"join","room":"r","since":0}"#).first { $0.type == "joined" }?.event
        let seqs = joined?["history"]?.arrayValue?.map { $0["seq"] }
        #expect(seqs == [.number("4"), .number("5"), .number("6")])
        #expect(joined?["recovered"] == .bool(false))
    }

    /// Was (found by fuzz/run.sh chat-state): the replay's budget counted
    /// the ref's text, not the ref as written, so a ref of control
    /// characters (six bytes each escaped) pushed a full `joined` over it.
    @Test func aJoinedWithAnEscapedRefStillFitsOneReply() {
        var state = makeState { $0.maxReplyBytes = 4096 }
        _ = state.open(c1, rooms: ["r"])
        for index in 1...4 { _ = state.send(c1, "\(index)" + String(repeating: "x", count: 820)) }
        _ = state.open(c2)
        let ref = String(repeating: #"\u0001"#, count: 60)
        let joined = state.send(c2, #"{"type":"join","room":"r","ref":"\#(ref)"}"#).first { $0.type == "joined" }
        guard case .event(let event)? = joined?.action else { return #expect(Bool(false), "no joined") }
        #expect(event.byteCount <= 4096)
        #expect(joined?.event?["ref"] == .string(String(repeating: "\u{1}", count: 60)))
        #expect((joined?.event?["history"]?.arrayValue?.count ?? 0) >= 2)
    }

    @Test func sinceOnAnIdempotentJoin() {
        var state = makeState()
        _ = state.open(c1, rooms: ["r"])
        for index in 1...4 { _ = state.send(c1, "m\(index)") }
        let sent = state.send(c1, #"{"type":"join","room":"r","since":2}"#)
        #expect(sent.map(\.type) == ["joined"])
        #expect(sent[0].event?["history"]?.arrayValue?.map { $0["seq"] } == [.number("3"), .number("4")])
    }

    @Test func noHistoryWhenHistorySizeIsZero() {
        var state = makeState(historySize: 0)
        _ = state.open(c1, rooms: ["r"])
        _ = state.send(c1, "gone")
        #expect(state.open(c2, rooms: ["r"]).first { $0.type == "joined" }?.event?["history"] == .array([]))
    }

    @Test func broadcastReachesEveryClientIncludingThoseInNoRoom() {
        var state = makeState()
        _ = state.open(c1, name: "ann", rooms: ["a"])
        _ = state.open(c2, rooms: ["b"])
        _ = state.open(c3)
        let sent = state.send(c1, #"{"type":"broadcast","text":"all","ref":3}"#, at: at(1))
        #expect(sent.map(\.type) == ["broadcast", "ack"])
        #expect(Set(sent[0].recipients) == [c1, c2, c3])
        #expect(sent[0].event == json(#"{"type":"broadcast","id":"c1","name":"ann","text":"all","ts":\#(at(1).epochMillis)}"#))
        #expect(sent[1].recipients == [c1])
        #expect(sent[1].event == json(#"{"type":"ack","ref":3}"#))
        #expect(state.send(c3, #"{"type":"broadcast","text":"x"}"#).map(\.type) == ["broadcast"])
    }

    @Test func nickRepliesAndTellsEveryRoomOnce() {
        var state = makeState()
        _ = state.open(c1, rooms: ["a", "b"])
        _ = state.open(c2, rooms: ["a"])
        _ = state.open(c3, rooms: ["b"])
        let sent = state.send(c1, #"{"type":"nick","name":"neo","ref":"n"}"#)
        #expect(sent.map(\.type) == ["nick", "presence", "presence"])
        #expect(sent[1].event?["id"] == .string("c1"))
        #expect(sent[0].recipients == [c1])
        #expect(sent[0].event == json(#"{"type":"nick","name":"neo","ref":"n"}"#))
        #expect(sent[1].recipients == [c2])
        #expect(sent[1].event == json(#"{"type":"presence","room":"a","event":"nick","id":"c1","name":"neo"}"#))
        #expect(sent[2].recipients == [c3])
        #expect(state.send(c1, "hi")[0].event?["name"] == .string("neo"))
        #expect(state.send(c1, #"{"type":"nick","name":"neo"}"#).map(\.type) == ["nick"])
        #expect(state.send(c1, #"{"type":"nick","name":"\u0000"}"#)[0].event?["code"] == .string("bad_name"))
        #expect(state.nickname(of: c1)?.value == "neo")
    }

    @Test func protocolErrorsBecomeErrorFrames() {
        var state = makeState()
        _ = state.open(c1)
        let cases: [(String, String)] = [
            ("{oops", "bad_json"), (#"{"type":"fly","ref":1}"#, "unknown_type"),
            (#"{"type":"join"}"#, "bad_request"), (#"{"type":"join","room":"a b"}"#, "bad_room"),
        ]
        for (frame, code) in cases {
            let sent = state.send(c1, frame)
            #expect(sent.count == 1)
            #expect(sent[0].recipients == [c1])
            #expect(sent[0].event?["code"] == .string(code))
        }
        #expect(state.send(c1, #"{"type":"fly","ref":1}"#)[0].event?["ref"] == .number("1"))
    }

    @Test func everyDirectReplyEchoesTheRef() {
        var state = makeState()
        _ = state.open(c1)
        let requests = [
            #"{"type":"join","room":"r","ref":1.50}"#, #"{"type":"message","text":"x","ref":1.50}"#,
            #"{"type":"broadcast","text":"x","ref":1.50}"#, #"{"type":"who","ref":1.50}"#,
            #"{"type":"rooms","ref":1.50}"#, #"{"type":"nick","name":"n","ref":1.50}"#,
            #"{"type":"leave","room":"r","ref":1.50}"#, #"{"type":"leave","room":"r","ref":1.50}"#,
        ]
        let replies = requests.map { state.send(c1, $0).last }
        #expect(replies.map { $0?.type } == ["joined", "ack", "ack", "who", "rooms", "nick", "left", "error"])
        for reply in replies {
            let text = String(decoding: reply?.payload ?? [], as: UTF8.self)
            #expect(text.contains(#""ref":1.50"#))
        }
    }

    @Test func statisticsCountMessagesAndDeliveries() {
        var state = makeState()
        _ = state.open(c1, rooms: ["r"])
        _ = state.open(c2, rooms: ["r"])
        let before = state.statistics
        _ = state.send(c1, "to two")
        _ = state.send(c2, #"{"type":"broadcast","text":"b","ref":1}"#)
        _ = state.send(c2, "{bad")
        #expect(state.statistics.messagesReceived - before.messagesReceived == 2)
        #expect(state.statistics.requestsReceived - before.requestsReceived == 3)
        #expect(state.statistics.deliveries - before.deliveries == 2 + 2 + 1 + 1)
    }
}
