import ChatClient
import ChatWire
import Testing

/// The interactive client's state machine: events and commands in,
/// notices and requests out.
@Suite("ChatSession")
struct ChatSessionTests {
    @Test func connectingJoinsTheStartupRoomsAndTheLastBecomesCurrent() {
        var session = ChatSession(url: "ws://h/", rooms: ["a", "b"])
        #expect(session.prompt == "> ")
        #expect(session.connectionOpened() == [.show(.connected(url: "ws://h/", again: false))])
        #expect(session.receive(.welcome(id: "c1", name: "ann", user: nil)) == [
            .show(.welcomed(name: "ann", user: nil)),
            join("a", since: nil), join("b", since: nil),
        ])
        #expect(session.receive(joined("a", members: 1, seq: 0, history: [])) == [.show(.joinedRoom("a", members: 1))])
        _ = session.receive(joined("b", members: 2, seq: 1, history: [message(1, room: "b")]))
        #expect(session.prompt == "#b> ")
        #expect(session.rooms.map(\.value) == ["a", "b"])
    }

    @Test func linesGoToTheCurrentRoomByName() {
        var session = joined(["a", "b"])
        #expect(session.perform(.say("hi")) == [send(.message(text: "hi", room: room("b")))])
        #expect(session.perform(.switchTo("a")) == [.show(.switchedRoom("a"))])
        #expect(session.perform(.say("yo")) == [send(.message(text: "yo", room: room("a")))])
        #expect(session.perform(.say("")) == [])
    }

    @Test func ownMessagesAreMarkedAndRepeatsDropped() {
        var session = joined(["a"])
        let mine = ChatMessage(room: "a", seq: 1, id: "c1", name: "ann", text: "x", ts: 0)
        #expect(session.receive(.message(mine)) == [.show(.message(mine, own: true))])
        #expect(session.receive(.message(mine)) == [])
        let theirs = ChatMessage(room: "a", seq: 3, id: "c2", name: "bob", text: "y", ts: 0)
        #expect(session.receive(.message(theirs)) == [.show(.messagesLost(room: "a", 2...2)), .show(.message(theirs, own: false))])
    }

    @Test func aReconnectResumesEveryRoomWhereItStopped() {
        var session = joined(["a", "b"])
        _ = session.receive(.message(message(4, room: "a")))
        _ = session.perform(.switchTo("a"))
        #expect(session.connectionEnded(.lost("gone")) == [.show(.disconnected(.lost("gone")))])
        #expect(session.perform(.say("lost?")) == [
            .show(.hint("not connected: nothing sent, the line is kept for when we are back")), .keepLine,
        ])
        #expect(session.perform(.join("c")).last == .keepLine)
        #expect(session.perform(.switchTo("a")) == [.show(.switchedRoom("a"))])
        #expect(session.connectionOpened() == [.show(.connected(url: "ws://h/", again: true))])
        #expect(session.receive(.welcome(id: "c9", name: "ann", user: nil)) == [
            join("a", since: 4), join("b", since: 0),
        ])
        let recovered = [message(4, room: "a"), message(5, room: "a"), message(6, room: "a")]
        #expect(session.receive(joined("a", members: 2, seq: 6, history: recovered)) == [
            .show(.rejoinedRoom("a", recovered: 2)),
            .show(.message(message(5, room: "a"), own: false)), .show(.message(message(6, room: "a"), own: false)),
        ])
        #expect(session.receive(joined("b", members: 2, seq: 0, history: [])) == [.show(.rejoinedRoom("b", recovered: 0))])
        #expect(session.prompt == "#a> ")
    }

    @Test func aRoomThatStartedOverIsAskedAgainFromTheStart() {
        var session = joined(["a"])
        _ = session.receive(.message(message(5, room: "a")))
        reconnect(&session)
        #expect(session.receive(joined("a", members: 2, seq: 2, history: [])) == [
            .show(.roomRestarted(room: "a", previous: 5, current: 2)), join("a", since: 0),
        ])
        let fresh = [message(1, room: "a"), message(2, room: "a")]
        #expect(session.receive(joined("a", members: 2, seq: 2, history: fresh)) == [
            .show(.rejoinedRoom("a", recovered: 2)), .show(.message(fresh[0], own: false)), .show(.message(fresh[1], own: false)),
        ])
    }

    @Test func anEmptyRestartedRoomNeedsNoSecondJoin() {
        var session = joined(["a"])
        _ = session.receive(.message(message(5, room: "a")))
        reconnect(&session)
        #expect(session.receive(joined("a", members: 1, seq: 0, history: [])) == [
            .show(.roomRestarted(room: "a", previous: 5, current: 0)), .show(.rejoinedRoom("a", recovered: nil)),
        ])
        #expect(session.receive(.message(message(1, room: "a"))) == [.show(.message(message(1, room: "a"), own: false))])
    }

    @Test func leavingTheCurrentRoomFallsBackToThePreviousOne() {
        var session = joined(["a", "b"])
        #expect(session.perform(.leave("b")) == [send(.leave(room: room("b")))])
        #expect(session.receive(.left(room: "b", ref: nil)) == [.show(.leftRoom("b"))])
        #expect(session.prompt == "#a> ")
        #expect(session.perform(.leave("zzz")) == [.show(.hint("you are not in #zzz; /join zzz"))])
        #expect(session.perform(.switchTo("b")) == [.show(.hint("you are not in #b; /join b"))])
    }

    @Test func aRefusedJoinIsForgotten() {
        var session = joined(["a"])
        #expect(session.perform(.join("bad room")) == [.show(.refused(ChatError(.badRoom, ChatError.badRoomMessage)))])
        _ = session.perform(.join("gone"))
        let refusal = ChatError(.tooManyRooms, "nope", ref: .string("join:gone"))
        #expect(session.receive(.error(refusal)) == [.show(.refused(refusal))])
        _ = session.connectionEnded(.lost("x"))
        _ = session.connectionOpened()
        #expect(session.receive(.welcome(id: "c2", name: "ann", user: nil)) == [join("a", since: 0)])
    }

    @Test func renamesAreToldOnceWithTheOldName() {
        var session = joined(["a", "b"])
        _ = session.receive(.presence(room: "a", change: .join, member: ChatMember(id: "c2", name: "bob")))
        #expect(session.receive(.presence(room: "a", change: .nick, member: ChatMember(id: "c2", name: "rob")))
            == [.show(.presence(room: "a", member: ChatMember(id: "c2", name: "rob"), change: .renamed(from: "bob")))])
        #expect(session.receive(.presence(room: "b", change: .nick, member: ChatMember(id: "c2", name: "rob"))) == [])
        #expect(session.receive(.nick(name: "annie", ref: nil)) == [.show(.renamed("annie"))])
        #expect(session.name == "annie")
    }

    @Test func whoMarksYou() {
        var session = joined(["a"])
        let members = [ChatMember(id: "c1", name: "ann"), ChatMember(id: "c2", name: "bob")]
        #expect(session.receive(.who(room: "a", members: members, total: nil, ref: nil))
            == [.show(.members(room: "a", members: members, ownID: "c1", total: nil))])
        #expect(session.perform(.who(nil)) == [send(.who(room: room("a")))])
        #expect(session.perform(.who("no way")) == [.show(.refused(ChatError(.badRoom, ChatError.badRoomMessage)))])
        #expect(session.perform(.nick("")) == [.show(.refused(ChatError(.badName, ChatError.badNameMessage)))])
    }

    @Test func quitAndHelp() {
        var session = joined(["a"])
        #expect(session.perform(.quit) == [.quit])
        #expect(session.perform(.help) == [.show(.help)])
        #expect(session.perform(.invalid("usage: x")) == [.show(.hint("usage: x"))])
    }

    @Test func beforeAnyWelcomeLinesGoOutAsTyped() {
        var session = ChatSession(url: "ws://h/echo", rooms: ["lobby"])
        #expect(session.perform(.say("early")).last == .keepLine)
        _ = session.connectionOpened()
        #expect(session.perform(.say("plain {text}")) == [.sendRaw("plain {text}"), .show(.sentRaw("plain {text}"))])
        #expect(session.receive(text: "plain {text}") == [.show(.unrecognised("plain {text}"))])
    }

    private func reconnect(_ session: inout ChatSession) {
        _ = session.connectionEnded(.lost("gone"))
        _ = session.connectionOpened()
        _ = session.receive(.welcome(id: "c2", name: "ann", user: nil))
    }

    private func joined(_ rooms: [String]) -> ChatSession {
        var session = ChatSession(url: "ws://h/", rooms: rooms)
        _ = session.connectionOpened()
        _ = session.receive(.welcome(id: "c1", name: "ann", user: nil))
        for room in rooms {
            _ = session.receive(joined(room, members: 1, seq: 0, history: []))
        }
        return session
    }

    private func message(_ seq: UInt64, room: String) -> ChatMessage {
        ChatMessage(room: room, seq: seq, id: "c5", name: "eve", text: "m\(seq)", ts: 0)
    }

    private func room(_ name: String) -> RoomName { RoomName(name)! }

    private func send(_ kind: ChatRequest.Kind) -> ChatSession.Output { .send(ChatRequest(kind)) }

    private func join(_ name: String, since: UInt64?) -> ChatSession.Output {
        .send(ChatRequest(.join(room: room(name), since: since, epoch: nil), ref: .string("join:\(name)")))
    }

    private func joined(_ room: String, members: Int, seq: UInt64, history: [ChatMessage]) -> ChatEvent {
        .joined(ChatEvent.Joined(room: room, members: members, seq: seq, epoch: nil, history: history))
    }
}
