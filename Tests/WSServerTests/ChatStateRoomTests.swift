import ChatWire
import Testing
@testable import WSServer

/// Joining, leaving, the current room, presence and disconnects.
@Suite("ChatState rooms")
struct ChatStateRoomTests {
    @Test func joinRepliesWithRoomStateAndRef() {
        var state = makeState()
        _ = state.open(c1)
        let sent = state.send(c1, #"{"type":"join","room":"r","ref":"j1"}"#)
        #expect(sent.count == 1)
        #expect(sent[0].recipients == [c1])
        #expect(sent[0].eventWithoutEpoch == json(#"{"type":"joined","room":"r","members":1,"seq":0,"history":[],"ref":"j1"}"#))
    }

    @Test func presenceGoesToTheOtherMembersOnly() {
        var state = makeState()
        _ = state.open(c1, rooms: ["r"])
        _ = state.open(c2, rooms: ["r"])
        _ = state.open(c4, rooms: ["elsewhere"])
        _ = state.open(c3)
        let sent = state.send(c3, #"{"type":"join","room":"r"}"#)
        #expect(sent.map(\.type) == ["presence", "joined"])
        #expect(sent[1].event?["members"] == .number("3"))
        #expect(Set(sent[0].recipients) == [c1, c2])
    }

    @Test func joiningAgainIsIdempotentAndMakesTheRoomCurrent() {
        var state = makeState()
        _ = state.open(c1, rooms: ["a", "b"])
        _ = state.open(c2, rooms: ["a"])
        _ = state.send(c1, "in b")
        let sent = state.send(c1, #"{"type":"join","room":"a","ref":2}"#)
        #expect(sent.map(\.type) == ["joined"])
        #expect(sent[0].event?["members"] == .number("2"))
        #expect(sent[0].event?["ref"] == .number("2"))
        #expect(state.joinedRooms(of: c1) == [room("b"), room("a")])
        #expect(state.memberCount(of: room("a")) == 2)
    }

    @Test func leaveRepliesLeftAndTellsTheOthers() {
        var state = makeState()
        _ = state.open(c1, name: "ann", rooms: ["r"])
        _ = state.open(c2, rooms: ["r"])
        let sent = state.send(c1, #"{"type":"leave","room":"r","ref":"l"}"#)
        #expect(sent.map(\.type) == ["left", "presence"])
        #expect(sent[0].recipients == [c1])
        #expect(sent[0].event == json(#"{"type":"left","room":"r","ref":"l"}"#))
        #expect(sent[1].recipients == [c2])
        #expect(sent[1].event == json(#"{"type":"presence","room":"r","event":"leave","id":"c1","name":"ann"}"#))
        #expect(state.memberCount(of: room("r")) == 1)
    }

    /// A member registered again after Redis came back is announced to the
    /// others, never to itself.
    @Test func presenceAboutALocalMemberSkipsThatMember() {
        var state = makeState()
        _ = state.open(c1, name: "ann", rooms: ["r"])
        _ = state.open(c2, rooms: ["r"])
        let epoch = Epoch(state.epoch(of: room("r")) ?? "")!
        let notice = PresenceNotice(
            change: .join, member: ChatMember(id: "c1", name: "ann"), members: 2,
            position: LogPosition(epoch: epoch, seq: 0), announce: true)
        let sent = decode(state.apply(.room(room("r"), .presence(notice)), now: at(1)))
        #expect(sent.map(\.recipients) == [[c2]])
    }

    @Test func leavingARoomNotJoinedIsNotMember() {
        var state = makeState()
        _ = state.open(c1, rooms: ["a"])
        _ = state.open(c2, rooms: ["b"])
        let sent = state.send(c1, #"{"type":"leave","room":"b","ref":5}"#)
        #expect(sent.map(\.event?["code"]) == [.string("not_member")])
        #expect(sent[0].event?["ref"] == .number("5"))
        #expect(state.send(c1, #"{"type":"leave","room":"nowhere"}"#).first?.event?["code"] == .string("not_member"))
    }

    @Test func currentRoomFollowsTheMostRecentJoin() {
        var state = makeState()
        _ = state.open(c1, rooms: ["a", "b", "c"])
        #expect(state.currentRoom(of: c1) == room("c"))
        _ = state.send(c1, #"{"type":"leave","room":"c"}"#)
        #expect(state.currentRoom(of: c1) == room("b"))
        _ = state.send(c1, #"{"type":"leave","room":"a"}"#)
        #expect(state.currentRoom(of: c1) == room("b"))
        _ = state.send(c1, #"{"type":"join","room":"d"}"#)
        _ = state.send(c1, #"{"type":"join","room":"b"}"#)
        _ = state.send(c1, #"{"type":"leave","room":"b"}"#)
        #expect(state.currentRoom(of: c1) == room("d"))
        _ = state.send(c1, #"{"type":"leave","room":"d"}"#)
        #expect(state.currentRoom(of: c1) == nil)
        #expect(state.send(c1, "anyone?").first?.event?["code"] == .string("no_room"))
    }

    @Test func tooManyRooms() {
        var state = makeState(maxRoomsPerClient: 2)
        _ = state.open(c1, rooms: ["a", "b"])
        let sent = state.send(c1, #"{"type":"join","room":"c","ref":"x"}"#)
        #expect(sent.map(\.event?["code"]) == [.string("too_many_rooms")])
        #expect(sent[0].event?["ref"] == .string("x"))
        #expect(state.send(c1, #"{"type":"join","room":"a"}"#).first?.type == "joined")
        #expect(state.roomCount == 2)
    }

    @Test func noPresenceAbovePresenceLimitButWhoListsEveryone() {
        var state = makeState(presenceLimit: 2)
        _ = state.open(c1, rooms: ["r"])
        #expect(state.open(c2, rooms: ["r"]).map(\.type) == ["welcome", "presence", "joined"])
        #expect(state.open(c3, rooms: ["r"]).map(\.type) == ["welcome", "joined"])
        #expect(state.send(c3, #"{"type":"nick","name":"x"}"#).map(\.type) == ["nick"])
        let who = state.send(c1, #"{"type":"who"}"#)
        #expect(who[0].event?["members"]?.arrayValue?.count == 3)
        #expect(state.send(c3, #"{"type":"leave","room":"r"}"#).map(\.type) == ["left"])
        #expect(state.send(c2, #"{"type":"leave","room":"r"}"#).map(\.type) == ["left", "presence"])
    }

    @Test func disconnectLeavesEveryRoomAtOnce() {
        var state = makeState()
        _ = state.open(c1, name: "ann", rooms: ["a", "b", "solo"])
        _ = state.open(c2, rooms: ["a"])
        _ = state.open(c3, rooms: ["b"])
        let sent = state.close(c1)
        #expect(sent.count == 2)
        #expect(sent.allSatisfy { $0.event?["event"] == .string("leave") && $0.event?["id"] == .string("c1") })
        #expect(Set(sent.map(\.recipients)) == [[c2], [c3]])
        #expect(state.roomCount == 2)
        #expect(state.connectionCount == 2)
        #expect(state.memberCount(of: room("solo")) == 0)
        #expect(state.close(c1).isEmpty)
    }

    @Test func anEmptyRoomKeepsItsStateForTheHistoryTTL() {
        var state = makeState { $0.historyTTL = 60 }
        _ = state.open(c1, rooms: ["r"])
        _ = state.send(c1, "one", at: at(1))
        let epoch = state.epoch(of: room("r"))
        _ = state.send(c1, #"{"type":"leave","room":"r"}"#, at: at(2))
        #expect(state.roomCount == 0)
        _ = state.sweep(now: at(61))
        let rejoin = state.send(c1, #"{"type":"join","room":"r","since":0}"#, at: at(61))
        #expect(rejoin[0].event?["seq"] == .number("1"))
        #expect(rejoin[0].event?["epoch"]?.stringValue == epoch)
        #expect(rejoin[0].event?["recovered"] == .bool(true))
        #expect(rejoin[0].event?["history"]?.arrayValue?.map { $0["text"] } == [.string("one")])
    }

    @Test func anEmptyRoomIsForgottenOnceItsTTLPassed() {
        var state = makeState { $0.historyTTL = 60 }
        _ = state.open(c1, rooms: ["r"])
        _ = state.send(c1, "one", at: at(1))
        let epoch = state.epoch(of: room("r"))
        _ = state.send(c1, #"{"type":"leave","room":"r"}"#, at: at(30))
        _ = state.sweep(now: at(89))
        #expect(state.epoch(of: room("r")) == epoch)
        _ = state.sweep(now: at(90))
        #expect(state.epoch(of: room("r")) == nil)
        let rejoin = state.send(c1, #"{"type":"join","room":"r","since":1}"#, at: at(91))
        #expect(rejoin[0].event?["seq"] == .number("0"))
        #expect(rejoin[0].event?["history"] == .array([]))
        #expect(rejoin[0].event?["recovered"] == .bool(false))
        #expect(rejoin[0].event?["epoch"]?.stringValue != epoch)
    }

    @Test func aRoomWithoutMessagesIsForgottenWhenEmpty() {
        var state = makeState()
        _ = state.open(c1, rooms: ["r"])
        let epoch = state.epoch(of: room("r"))
        _ = state.send(c1, #"{"type":"leave","room":"r"}"#)
        #expect(state.epoch(of: room("r")) == nil)
        _ = state.send(c1, #"{"type":"join","room":"r"}"#)
        #expect(state.epoch(of: room("r")) != epoch)
    }

    @Test func disconnectKeepsBroadcastRecipientsConsistent() {
        var state = makeState()
        for serial in 1...5 { _ = state.open(client(UInt64(serial))) }
        _ = state.close(client(2))
        _ = state.close(client(5))
        let sent = state.send(c1, #"{"type":"broadcast","text":"x"}"#)
        #expect(Set(sent[0].recipients) == [client(1), client(3), client(4)])
        #expect(sent[0].recipients.count == 3)
    }

    @Test func roomsListsRoomsWithMembersMostMembersFirst() {
        var state = makeState()
        _ = state.open(c1, rooms: ["b", "a", "c"])
        _ = state.open(c2, rooms: ["b"])
        _ = state.open(c3)
        let sent = state.send(c3, #"{"type":"rooms","ref":"q"}"#)
        #expect(sent[0].recipients == [c3])
        #expect(sent[0].event == json(#"{"type":"rooms","rooms":[{"room":"b","members":2},{"room":"a","members":1},{"room":"c","members":1}],"ref":"q"}"#))
    }

    @Test func listingsAreCutAtTheLimitWithTotalAndTruncated() {
        var state = makeState(maxRoomsPerClient: 64) { $0.listingLimit = 3 }
        _ = state.open(c1, rooms: (1...10).map { "r\($0)" })
        for serial in 2...6 { _ = state.open(client(UInt64(serial)), rooms: ["r7"]) }
        let rooms = state.send(c1, #"{"type":"rooms"}"#)[0].event
        #expect(rooms?["rooms"]?.arrayValue?.count == 3)
        #expect(rooms?["rooms"]?.arrayValue?.first?["room"] == .string("r7"))
        #expect(rooms?["total"] == .number("10"))
        #expect(rooms?["truncated"] == .bool(true))
        let who = state.send(c1, #"{"type":"who","room":"r7"}"#)[0].event
        #expect(who?["members"]?.arrayValue?.count == 3)
        #expect(who?["total"] == .number("6"))
        #expect(who?["truncated"] == .bool(true))
        #expect(state.send(c1, #"{"type":"who","room":"r1"}"#)[0].event?["truncated"] == nil)
    }

    @Test func whoDefaultsToTheCurrentRoomAndRequiresMembership() {
        var state = makeState()
        _ = state.open(c2, name: "bea", rooms: ["r"])
        _ = state.open(c1, name: "ann", rooms: ["x", "r"])
        let sent = state.send(c1, #"{"type":"who","ref":1}"#)
        #expect(sent[0].event == json(#"{"type":"who","room":"r","members":[{"id":"c2","name":"bea"},{"id":"c1","name":"ann"}],"ref":1}"#))
        #expect(state.send(c1, #"{"type":"who","room":"x"}"#)[0].event?["members"]?.arrayValue?.count == 1)
        #expect(state.send(c2, #"{"type":"who","room":"x","ref":2}"#)[0].event
            == json(#"{"type":"error","code":"not_member","message":"not a member of x","ref":2}"#))
        _ = state.open(c3)
        #expect(state.send(c3, #"{"type":"who"}"#)[0].event?["code"] == .string("no_room"))
    }
}

/// Per-client memory is a tracked figure: keep `ClientState` small.
@Suite("Per-client footprint")
struct ClientFootprintTests {
    @Test func clientStateStaysSmall() {
        #expect(MemoryLayout<ClientState>.stride <= 136)
    }

    @Test func guestNamesAndIdsNeedNoHeapStorage() {
        #expect(Nickname.guest(serial: 999_999_999).value.utf8.count <= 15)
        #expect("c999999999999".utf8.count <= 15)
    }
}
