import Testing
@testable import WSServer

/// The exact JSON of every server-to-client event, and its text frame.
@Suite("ChatEvent encoding")
struct ChatEventTests {
    private let alice = ClientID(serial: 7, loop: 0, slot: 3)
    private let name = Nickname("Alice \"A\"")!

    private func text(_ event: ChatEvent) -> String { String(decoding: event.payload, as: UTF8.self) }

    @Test func welcome() {
        #expect(text(.welcome(id: alice, name: name)) == #"{"type":"welcome","id":"c7","name":"Alice \"A\""}"#)
    }

    @Test func joinedSplicesStoredPayloads() {
        let first = Array(#"{"type":"message","seq":1}"#.utf8)
        let second = Array(#"{"type":"message","seq":2}"#.utf8)
        let event = ChatEvent.joined(
            room: room("r"), members: 3, seq: 2, history: [first[...], second[...]], ref: .number("5"))
        #expect(text(event) == #"{"type":"joined","room":"r","members":3,"seq":2,"history":[{"type":"message","seq":1},{"type":"message","seq":2}],"ref":5}"#)
        let empty = ChatEvent.joined(room: room("r"), members: 1, seq: 0, history: [], ref: nil)
        #expect(text(empty) == #"{"type":"joined","room":"r","members":1,"seq":0,"history":[]}"#)
    }

    @Test func leftAndNick() {
        #expect(text(.left(room: room("r"), ref: .string("x"))) == #"{"type":"left","room":"r","ref":"x"}"#)
        #expect(text(.nick(name: name, ref: nil)) == #"{"type":"nick","name":"Alice \"A\""}"#)
    }

    @Test func presence() {
        #expect(text(.presence(room: room("r"), change: .join, id: alice, name: name))
            == #"{"type":"presence","room":"r","event":"join","id":"c7","name":"Alice \"A\""}"#)
        #expect(text(.presence(room: room("r"), change: .leave, id: alice, name: name)).contains(#""event":"leave""#))
        #expect(text(.presence(room: room("r"), change: .nick, id: alice, name: name)).contains(#""event":"nick""#))
    }

    @Test func messageAndBroadcast() {
        let message = ChatEvent.message(room: room("r"), seq: 12, id: alice, name: name, text: "a\nb", ts: 1_700_000_000_123)
        #expect(text(message) == #"{"type":"message","room":"r","seq":12,"id":"c7","name":"Alice \"A\"","text":"a\nb","ts":1700000000123}"#)
        let broadcast = ChatEvent.broadcast(id: alice, name: name, text: "all", ts: 5)
        #expect(text(broadcast) == #"{"type":"broadcast","id":"c7","name":"Alice \"A\"","text":"all","ts":5}"#)
    }

    @Test func listings() {
        let rooms = ChatEvent.rooms([(room: room("a"), members: 2), (room: room("b"), members: 1)], ref: nil)
        #expect(text(rooms) == #"{"type":"rooms","rooms":[{"room":"a","members":2},{"room":"b","members":1}]}"#)
        let who = ChatEvent.who(room: room("a"), members: [(id: alice, name: name)], ref: .number("0"))
        #expect(text(who) == #"{"type":"who","room":"a","members":[{"id":"c7","name":"Alice \"A\""}],"ref":0}"#)
    }

    @Test func ackWithAndWithoutSeq() {
        #expect(text(.ack(ref: .string("m1"), seq: 4)) == #"{"type":"ack","ref":"m1","seq":4}"#)
        #expect(text(.ack(ref: .number("2.0"), seq: nil)) == #"{"type":"ack","ref":2.0}"#)
    }

    @Test func error() {
        let withRef = ChatEvent.error(ChatError(.notMember, "not a member of r", ref: .string("q")))
        #expect(text(withRef) == #"{"type":"error","code":"not_member","message":"not a member of r","ref":"q"}"#)
        let withoutRef = ChatEvent.error(ChatError(.badJSON, "malformed"))
        #expect(text(withoutRef) == #"{"type":"error","code":"bad_json","message":"malformed"}"#)
    }

    @Test func errorCodesMatchTheProtocol() {
        #expect(ChatError.Code.allCases.map(\.rawValue) == [
            "bad_json", "bad_request", "unknown_type", "bad_room", "bad_name",
            "not_member", "no_room", "too_many_rooms", "rate_limited",
        ])
    }

    @Test(arguments: [0, 125, 126, 65535, 65536])
    func frameHeaderHasExactSize(_ textLength: Int) {
        let event = ChatEvent.broadcast(id: alice, name: name, text: String(repeating: "x", count: textLength), ts: 0)
        let payload = event.payload
        let frame = event.frame
        #expect(frame.count - payload.count == (payload.count < 126 ? 2 : payload.count <= 65535 ? 4 : 10))
        #expect(WSServerTests.payload(ofFrame: frame) == payload)
    }
}
