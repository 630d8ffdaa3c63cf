import ChatClient
import ChatWire
import Testing

/// Verified users (events carrying `user`) look different from guests, and
/// no guest can borrow the look.
@Suite("Verified users and guests")
struct IdentityTests {
    let plain = ChatView(style: TextStyle(enabled: false), clock: { _ in "12:34:56" })

    @Test func yourOwnIdentityComesFromTheWelcome() {
        var session = ChatSession(url: "ws://h/", rooms: [])
        _ = session.connectionOpened()
        let outputs = session.receive(text: #"{"type":"welcome","id":"c1","name":"Alice","user":"u-alice"}"#)
        #expect(outputs == [.show(.welcomed(name: "Alice", user: "u-alice"))])
        #expect(session.user == "u-alice")
        #expect(plain.lines(.welcomed(name: "Alice", user: "u-alice"))
            == ["* you are Alice ✓ (signed in as u-alice); /help lists the commands"])
        #expect(plain.lines(.welcomed(name: "guest-3", user: nil)) == ["* you are guest-3; /help lists the commands"])
    }

    @Test func verifiedAuthorsCarryTheMark() {
        var session = ProtocolV2Tests.session(rooms: [])
        let text = #"{"type":"message","room":"r","seq":1,"id":"c2","name":"alice","text":"hi","ts":0,"user":"u-alice"}"#
        guard case .show(let notice)? = session.receive(text: text).first else {
            Issue.record("no notice")
            return
        }
        #expect(plain.lines(notice) == ["[12:34:56] #r alice ✓: hi"])
        let broadcast = ChatEvent.Broadcast(id: "c1", name: "ann", text: "all", ts: 0, user: "u-ann")
        #expect(plain.lines(.broadcast(broadcast, own: true)) == ["[12:34:56] [broadcast] ann ✓ (you): all"])
    }

    @Test func aGuestCannotPassForAVerifiedUser() {
        for fake in ["alice ✓", "alice ✔", "alice √", "alice ✅"] {
            let message = ChatMessage(room: "r", seq: 1, id: "c3", name: fake, text: "trust me", ts: 0)
            #expect(plain.lines(.message(message, own: false)) == ["[12:34:56] #r alice \u{FFFD}: trust me"])
        }
    }

    @Test func coloursTellVerifiedUsersGuestsAndYouApart() {
        let coloured = ChatView(style: TextStyle(enabled: true), clock: { _ in "t" })
        let verified = ChatMessage(room: "r", seq: 1, id: "c2", name: "alice", text: "x", ts: 0, user: "u-alice")
        let guest = ChatMessage(room: "r", seq: 2, id: "c3", name: "bob", text: "x", ts: 0)
        #expect(coloured.lines(.message(verified, own: false)).first?.contains("\u{1B}[1;34malice ✓\u{1B}[0m") == true)
        #expect(coloured.lines(.message(guest, own: false)).first?.contains("\u{1B}[1mbob\u{1B}[0m") == true)
        #expect(coloured.lines(.message(guest, own: true)).first?.contains("\u{1B}[1;32mbob (you)\u{1B}[0m") == true)
    }

    @Test func listingsAndPresenceNameVerifiedUsers() {
        let members = [
            ChatMember(id: "c1", name: "ann"), ChatMember(id: "c2", name: "Alice", user: "u-alice"),
            ChatMember(id: "c3", name: "bob", user: "bob"),
        ]
        #expect(plain.lines(.members(room: "a", members: members, ownID: "c1", total: nil))
            == ["* in #a: ann (you), Alice ✓ (@u-alice), bob ✓"])
        #expect(plain.lines(.members(room: "a", members: members, ownID: nil, total: 1200))
            == ["* in #a (3 of 1200): ann, Alice ✓ (@u-alice), bob ✓"])
        #expect(plain.lines(.roomList([.init(room: "a", members: 9), .init(room: "b", members: 1)], total: 1500))
            == ["* rooms (2 of 1500): #a (9), #b (1)"])
        #expect(plain.lines(.presence(room: "a", member: members[1], change: .joined)) == ["* Alice ✓ joined #a"])
    }
}
