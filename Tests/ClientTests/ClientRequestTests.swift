import Testing
@testable import ws_client

/// Requests encode as PROTOCOL.md asks, and the server's own parser agrees.
@Suite("ClientRequest")
struct ClientRequestTests {
    @Test func encodesEveryRequest() {
        #expect(ClientRequest.join(room: "a", since: nil).json == #"{"type":"join","room":"a","ref":"join:a"}"#)
        #expect(ClientRequest.join(room: "a", since: 5).json == #"{"type":"join","room":"a","since":5,"ref":"join:a"}"#)
        #expect(ClientRequest.leave(room: "a").json == #"{"type":"leave","room":"a"}"#)
        #expect(ClientRequest.message(room: "a", text: "hi").json == #"{"type":"message","room":"a","text":"hi"}"#)
        #expect(ClientRequest.broadcast(text: "all").json == #"{"type":"broadcast","text":"all"}"#)
        #expect(ClientRequest.nick(name: "bo").json == #"{"type":"nick","name":"bo"}"#)
        #expect(ClientRequest.rooms.json == #"{"type":"rooms"}"#)
        #expect(ClientRequest.who(room: nil).json == #"{"type":"who"}"#)
        #expect(ClientRequest.who(room: "a").json == #"{"type":"who","room":"a"}"#)
    }

    @Test func escapesStrings() throws {
        let text = "quote\" back\\ nl\n tab\t bell\u{07} é"
        let json = ClientRequest.message(room: "r", text: text).json
        #expect(json.contains(#""quote\" back\\ nl\n tab\t bell\u0007 é""#))
        #expect(try JSONReader.parse(json)["text"]?.string == text)
    }
}

/// The server's parser reads what the client writes.
@Suite("ClientRequest against the server's parser")
struct ClientRequestServerParseTests {
    @Test func serverReadsEveryRequestAsMeant() {
        let expected: [(ClientRequest, String)] = [
            (.join(room: "a", since: 3), "join a since 3"),
            (.join(room: "a", since: nil), "join a since -"),
            (.leave(room: "a"), "leave a"),
            (.message(room: "a", text: "x\"y\n\u{1}é"), "message a x\"y\n\u{1}é"),
            (.broadcast(text: "b"), "broadcast b"),
            (.nick(name: "Ann Lee"), "nick Ann Lee"),
            (.rooms, "rooms"),
            (.who(room: "a"), "who a"),
            (.who(room: nil), "who -"),
        ]
        for (request, summary) in expected {
            #expect(WSServerParse.summary(of: request.json) == summary)
        }
    }
}
