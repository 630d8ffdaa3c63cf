import Testing
@testable import ChatWire

/// The exact JSON of every server-to-client event, and the client's reading
/// of it back.
@Suite("ChatEvent encoding and decoding")
struct ChatEventTests {
    private let alice = ChatMember(id: "c7", name: "Alice \"A\"")
    private let verified = ChatMember(id: "n1.c8", name: "Bo", user: "u-8")

    private func text(_ event: ChatEvent) -> String { String(decoding: event.payload, as: UTF8.self) }

    /// Encoding then decoding gives the event back.
    private func roundTrips(_ event: ChatEvent, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(ChatEvent(text: text(event)) == event, sourceLocation: sourceLocation)
    }

    @Test func welcome() {
        #expect(text(.welcome(id: "c7", name: alice.name, user: nil)) == #"{"type":"welcome","id":"c7","name":"Alice \"A\""}"#)
        #expect(text(.welcome(id: "c8", name: "Bo", user: "u-8")) == #"{"type":"welcome","id":"c8","name":"Bo","user":"u-8"}"#)
        roundTrips(.welcome(id: "c8", name: "Bo", user: "u-8"))
    }

    @Test func joinedSplicesStoredPayloads() {
        let first = Array(#"{"type":"message","seq":1}"#.utf8)
        let second = Array(#"{"type":"message","seq":2}"#.utf8)
        let payload = ChatEvent.joinedPayload(
            room: "r", members: 3, seq: 2, epoch: "E1", history: [first, second], recovered: true, ref: .number("5"))
        #expect(String(decoding: payload, as: UTF8.self)
            == #"{"type":"joined","room":"r","members":3,"seq":2,"epoch":"E1","history":[{"type":"message","seq":1},{"type":"message","seq":2}],"recovered":true,"ref":5}"#)
        let empty = ChatEvent.joined(.init(room: "r", members: 1, seq: 0, epoch: "E1", history: []))
        #expect(text(empty) == #"{"type":"joined","room":"r","members":1,"seq":0,"epoch":"E1","history":[]}"#)
        let message = ChatMessage(room: "r", seq: 4, id: "c7", name: "A", text: "x", ts: 9)
        roundTrips(.joined(.init(room: "r", members: 2, seq: 4, epoch: "E1", history: [message], recovered: false, ref: .string("j"))))
    }

    @Test func resetAndRefreshed() {
        #expect(text(.reset(room: "r", epoch: "E2", seq: 0)) == #"{"type":"reset","room":"r","epoch":"E2","seq":0}"#)
        #expect(text(.refreshed(exp: 1_800_000_000, ref: .number("3"))) == #"{"type":"refreshed","exp":1800000000,"ref":3}"#)
        roundTrips(.reset(room: "r", epoch: "E2", seq: 7))
        roundTrips(.refreshed(exp: 1_800_000_000, ref: nil))
    }

    @Test func leftAndNick() {
        #expect(text(.left(room: "r", ref: .string("x"))) == #"{"type":"left","room":"r","ref":"x"}"#)
        #expect(text(.nick(name: alice.name, ref: nil)) == #"{"type":"nick","name":"Alice \"A\""}"#)
        roundTrips(.nick(name: "n", ref: .string("q")))
    }

    @Test func presence() {
        #expect(text(.presence(room: "r", change: .join, member: alice))
            == #"{"type":"presence","room":"r","event":"join","id":"c7","name":"Alice \"A\""}"#)
        #expect(text(.presence(room: "r", change: .leave, member: verified))
            == #"{"type":"presence","room":"r","event":"leave","id":"n1.c8","name":"Bo","user":"u-8"}"#)
        roundTrips(.presence(room: "r", change: .nick, member: verified))
    }

    @Test func messageBodyAndEnvelope() {
        let body = ChatMessage.body(id: "c7", name: alice.name, text: "a\nb", ts: 1_700_000_000_123, user: nil)
        #expect(String(decoding: body, as: UTF8.self) == #""id":"c7","name":"Alice \"A\"","text":"a\nb","ts":1700000000123"#)
        #expect(String(decoding: ChatMessage.payload(room: "r", seq: 12, body: body), as: UTF8.self)
            == #"{"type":"message","room":"r","seq":12,"id":"c7","name":"Alice \"A\"","text":"a\nb","ts":1700000000123}"#)
        let signed = ChatMessage(room: "r", seq: 1, id: "c8", name: "Bo", text: "hi", ts: 5, user: "u-8")
        #expect(text(.message(signed)) == #"{"type":"message","room":"r","seq":1,"id":"c8","name":"Bo","text":"hi","ts":5,"user":"u-8"}"#)
        roundTrips(.message(signed))
    }

    @Test func broadcast() {
        let broadcast = ChatEvent.broadcast(.init(id: "c7", name: alice.name, text: "all", ts: 5))
        #expect(text(broadcast) == #"{"type":"broadcast","id":"c7","name":"Alice \"A\"","text":"all","ts":5}"#)
        roundTrips(broadcast)
    }

    @Test func listings() {
        let rooms = ChatEvent.rooms([.init(room: "a", members: 2), .init(room: "b", members: 1)], total: nil, ref: nil)
        #expect(text(rooms) == #"{"type":"rooms","rooms":[{"room":"a","members":2},{"room":"b","members":1}]}"#)
        let cut = ChatEvent.rooms([.init(room: "a", members: 2)], total: 5, ref: nil)
        #expect(text(cut) == #"{"type":"rooms","rooms":[{"room":"a","members":2}],"total":5,"truncated":true}"#)
        let who = ChatEvent.who(room: "a", members: [alice, verified], total: nil, ref: .number("0"))
        #expect(text(who) == #"{"type":"who","room":"a","members":[{"id":"c7","name":"Alice \"A\""},{"id":"n1.c8","name":"Bo","user":"u-8"}],"ref":0}"#)
        roundTrips(cut)
        roundTrips(who)
    }

    @Test func ackWithAndWithoutSeq() {
        #expect(text(.ack(ref: .string("m1"), seq: 4)) == #"{"type":"ack","ref":"m1","seq":4}"#)
        #expect(text(.ack(ref: .number("2.0"), seq: nil)) == #"{"type":"ack","ref":2.0}"#)
        roundTrips(.ack(ref: .number("2.0"), seq: nil))
    }

    @Test func error() {
        let withRef = ChatEvent.error(ChatError(.notMember, "not a member of r", ref: .string("q")))
        #expect(text(withRef) == #"{"type":"error","code":"not_member","message":"not a member of r","ref":"q"}"#)
        let withoutRef = ChatEvent.error(ChatError(.badJSON, "malformed"))
        #expect(text(withoutRef) == #"{"type":"error","code":"bad_json","message":"malformed"}"#)
        roundTrips(withRef)
    }

    @Test func errorCodesMatchTheProtocol() {
        #expect(ChatError.Code.allCases.map(\.rawValue) == [
            "bad_json", "bad_request", "unknown_type", "bad_room", "bad_name", "not_member", "no_room",
            "too_many_rooms", "rate_limited", "unavailable", "forbidden", "bad_token",
        ])
    }

    /// A client reads what it can: unknown types and fields are not errors.
    @Test func decodingIsLenient() {
        #expect(ChatEvent(text: #"{"type":"future","x":1}"#) == nil)
        #expect(ChatEvent(text: "not json") == nil)
        #expect(ChatEvent(text: #"{"type":"message","room":"r"}"#) == nil)
        #expect(ChatEvent(text: #"{"type":"left","room":"r","extra":[1,2]}"#) == .left(room: "r", ref: nil))
        #expect(ChatEvent(text: #"{"type":"welcome","id":42,"name":"n"}"#) == .welcome(id: "42", name: "n", user: nil))
        #expect(ChatEvent(text: #"{"type":"nick","name":"a\ud800b"}"#) == .nick(name: "a\u{FFFD}b", ref: nil))
    }
}
