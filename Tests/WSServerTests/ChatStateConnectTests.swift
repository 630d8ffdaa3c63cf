import ChatWire
import Testing
@testable import WSServer

/// `connect`: welcome first, then the query's name and rooms.
@Suite("ChatState connect")
struct ChatStateConnectTests {
    @Test func welcomeIsTheFirstAndOnlyFrameWithoutQuery() {
        var state = makeState()
        let sent = state.open(c1)
        #expect(sent.count == 1)
        #expect(sent[0].recipients == [c1])
        #expect(sent[0].event == json(#"{"type":"welcome","id":"c1","name":"guest-1"}"#))
        #expect(state.connectionCount == 1)
        #expect(state.nickname(of: c1)?.value == "guest-1")
    }

    @Test func nameFromQuery() {
        var state = makeState()
        let sent = state.open(c1, name: " Zoë ")
        #expect(sent.map(\.event) == [json(#"{"type":"welcome","id":"c1","name":"Zoë"}"#)])
    }

    @Test func badNameKeepsDefaultAndErrorsAfterWelcome() {
        var state = makeState()
        let sent = state.open(c1, name: "a\u{7}b", rooms: ["r"])
        #expect(sent.map(\.type) == ["welcome", "error", "joined"])
        #expect(sent[0].event?["name"] == .string("guest-1"))
        #expect(sent[1].event?["code"] == .string("bad_name"))
        #expect(sent[1].event?["ref"] == nil)
    }

    @Test func queryRoomsAreJoinedInOrderAndTheLastIsCurrent() {
        var state = makeState()
        let sent = state.open(c1, rooms: ["a", "b"])
        #expect(sent.map(\.type) == ["welcome", "joined", "joined"])
        #expect(sent[1].eventWithoutEpoch == json(#"{"type":"joined","room":"a","members":1,"seq":0,"history":[]}"#))
        #expect(sent[1].event?["epoch"]?.stringValue.flatMap(Epoch.init) != nil)
        #expect(sent[2].event?["room"] == .string("b"))
        #expect(state.currentRoom(of: c1) == room("b"))
        #expect(state.roomCount == 2)
    }

    @Test func badQueryRoomIsSkippedWithAnError() {
        var state = makeState()
        let sent = state.open(c1, rooms: ["bad room", "ok"])
        #expect(sent.map(\.type) == ["welcome", "error", "joined"])
        #expect(sent[1].event?["code"] == .string("bad_room"))
        #expect(state.joinedRooms(of: c1) == [room("ok")])
    }

    @Test func tooManyQueryRooms() {
        var state = makeState(maxRoomsPerClient: 2)
        let sent = state.open(c1, rooms: ["a", "b", "c"])
        #expect(sent.map(\.type) == ["welcome", "joined", "joined", "error"])
        #expect(sent[3].event?["code"] == .string("too_many_rooms"))
    }

    /// Issue: `?room=x&room=x&...` rejoined `x` once per repeat, each with a
    /// full-history `joined`, before any budget applied.
    @Test func repeatedQueryRoomsJoinOnce() {
        var state = makeState()
        _ = state.open(c1, rooms: ["x"])
        for index in 1...5 { _ = state.send(c1, String(repeating: "m\(index)", count: 100)) }
        let sent = state.open(c2, rooms: Array(repeating: "x", count: 1100))
        #expect(sent.map(\.type) == ["welcome", "presence", "joined"])
        #expect(state.joinedRooms(of: c2) == [room("x")])
    }

    @Test func queryRoomsBeyondTheLimitAreNotJoined() {
        var state = makeState(maxRoomsPerClient: 3)
        let sent = state.open(c1, rooms: (1...40).map { "r\($0)" })
        #expect(sent.filter { $0.type == "joined" }.count == 3)
        #expect(sent.last?.event?["code"] == .string("too_many_rooms"))
        #expect(state.joinedRooms(of: c1).count == 3)
    }

    @Test func queryJoinSendsPresenceToOthers() {
        var state = makeState()
        _ = state.open(c1, rooms: ["r"])
        let sent = state.open(c2, name: "bob", rooms: ["r"])
        #expect(sent.map(\.type) == ["welcome", "presence", "joined"])
        #expect(sent[2].event?["members"] == .number("2"))
        #expect(sent[1].recipients == [c1])
        #expect(sent[1].event == json(#"{"type":"presence","room":"r","event":"join","id":"c2","name":"bob"}"#))
    }

    @Test func sinceAppliesWithExactlyOneRoom() {
        var state = makeState()
        _ = state.open(c1, rooms: ["r"])
        for index in 1...5 { _ = state.send(c1, "m\(index)") }
        let one = state.open(c2, rooms: ["r"], since: 3)
        #expect(one[2].event?["history"]?.arrayValue?.map { $0["seq"] } == [.number("4"), .number("5")])
        #expect(one[2].event?["recovered"] == .bool(true))
        let two = state.open(c3, rooms: ["r", "s"], since: 3)
        #expect(two[2].event?["history"]?.arrayValue?.count == 5)
        #expect(two[2].event?["recovered"] == nil)
    }

    @Test func connectingAnIdTwiceIsIgnored() {
        var state = makeState()
        _ = state.open(c1, name: "first")
        #expect(state.open(c1, name: "second").isEmpty)
        #expect(state.nickname(of: c1)?.value == "first")
        #expect(state.connectionCount == 1)
    }
}
