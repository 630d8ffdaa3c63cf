import ChatClient
import ChatWire
import Testing

/// The requests the session sends encode as the protocol asks, and the
/// server's parser reads them back as meant.
@Suite("Requests from the session")
struct ClientRequestTests {
    @Test func joinsCarryTheirRoomAsRefAndResumeAfterTheLastSeq() throws {
        var session = ChatSession(url: "ws://h/", rooms: ["a"])
        _ = session.connectionOpened()
        let first = try #require(Self.sent(session.receive(.welcome(id: "c1", name: "ann", user: nil))).first)
        #expect(first == #"{"type":"join","room":"a","ref":"join:a"}"#)
        _ = session.receive(.joined(.init(room: "a", members: 1, seq: 5, epoch: nil, history: [])))
        _ = session.connectionEnded(.lost("x"))
        _ = session.connectionOpened()
        let again = try #require(Self.sent(session.receive(.welcome(id: "c2", name: "ann", user: nil))).first)
        #expect(again == #"{"type":"join","room":"a","since":5,"ref":"join:a"}"#)
    }

    @Test func everyCommandIsReadByTheServerAsMeant() throws {
        var session = ChatSession(url: "ws://h/", rooms: ["a"])
        _ = session.connectionOpened()
        _ = session.receive(.welcome(id: "c1", name: "ann", user: nil))
        _ = session.receive(.joined(.init(room: "a", members: 1, seq: 0, epoch: nil, history: [])))
        let expected: [(Command, ChatRequest.Kind)] = [
            (.say("x\"y\n\u{1}é"), .message(text: "x\"y\n\u{1}é", room: RoomName("a"))),
            (.leave("a"), .leave(room: RoomName("a")!)),
            (.broadcast("b"), .broadcast(text: "b")),
            (.nick("Ann Lee"), .nick(name: Nickname("Ann Lee")!)),
            (.rooms, .rooms),
            (.who("a"), .who(room: RoomName("a"))),
        ]
        for (command, kind) in expected {
            let json = try #require(Self.sent(session.perform(command)).first)
            #expect(ChatRequest.parse(Array(json.utf8)) == .success(ChatRequest(kind)), "\(command)")
        }
    }

    @Test func escapesStrings() throws {
        let text = "quote\" back\\ nl\n tab\t bell\u{07} é"
        let json = String(decoding: ChatRequest(.message(text: text, room: RoomName("r"))).json, as: UTF8.self)
        #expect(json.contains(#""quote\" back\\ nl\n tab\t bell\u0007 é""#))
    }

    private static func sent(_ outputs: [ChatSession.Output]) -> [String] {
        outputs.compactMap { output in
            guard case .send(let request) = output else { return nil }
            return String(decoding: request.json, as: UTF8.self)
        }
    }
}
