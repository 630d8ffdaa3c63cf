import Testing
@testable import ChatWire

/// Parsing one text frame into a `ChatRequest` or the error to send back.
@Suite("ChatRequest parsing")
struct ChatRequestTests {
    private func parse(_ text: String) -> Result<ChatRequest, ChatError> {
        ChatRequest.parse(Array(text.utf8))
    }

    private func request(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> ChatRequest? {
        switch parse(text) {
        case .success(let request): return request
        case .failure(let error):
            Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
            return nil
        }
    }

    private func error(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> ChatError? {
        switch parse(text) {
        case .success(let request):
            Issue.record("unexpected success \(request)", sourceLocation: sourceLocation)
            return nil
        case .failure(let error): return error
        }
    }

    @Test func everyRequestType() {
        #expect(request(#"{"type":"join","room":"a"}"#) == ChatRequest(.join(room: room("a"), since: nil, epoch: nil)))
        #expect(request(#"{"type":"join","room":"a","since":7}"#) == ChatRequest(.join(room: room("a"), since: 7, epoch: nil)))
        #expect(request(#"{"type":"leave","room":"a"}"#) == ChatRequest(.leave(room: room("a"))))
        #expect(request(#"{"type":"message","text":"hi"}"#) == ChatRequest(.message(text: "hi", room: nil)))
        #expect(request(#"{"type":"message","text":"hi","room":"b"}"#) == ChatRequest(.message(text: "hi", room: room("b"))))
        #expect(request(#"{"type":"broadcast","text":"all"}"#) == ChatRequest(.broadcast(text: "all")))
        #expect(request(#"{"type":"nick","name":"zoë"}"#) == ChatRequest(.nick(name: Nickname("zoë")!)))
        #expect(request(#"{"type":"rooms"}"#) == ChatRequest(.rooms))
        #expect(request(#"{"type":"who"}"#) == ChatRequest(.who(room: nil)))
        #expect(request(#"{"type":"who","room":"c"}"#) == ChatRequest(.who(room: room("c"))))
    }

    @Test func refsAreKeptExactly() {
        #expect(request(#"{"type":"rooms","ref":"r-1"}"#)?.ref == .string("r-1"))
        #expect(request(#"{"type":"rooms","ref":1.50}"#)?.ref == .number("1.50"))
        #expect(request(#"{"type":"rooms","ref":-3e2}"#)?.ref == .number("-3e2"))
        #expect(request(#"{"type":"rooms","ref":null}"#)?.ref == nil)
        #expect(request(#"{"ref":9,"type":"rooms"}"#)?.ref == .number("9"))
    }

    @Test(arguments: ["hi", "", "  hello  ", "[1,2]", "\"quoted\"", "42", "null", "not {json", "héllo 😀", "\n"])
    func anythingButAnObjectIsAPlainMessage(_ text: String) {
        #expect(request(text) == ChatRequest(.message(text: text, room: nil)))
    }

    @Test func plainTextFromRawBuffer() {
        let bytes = Array("hi there".utf8)
        let result = bytes.withUnsafeBytes { ChatRequest.parse($0) }
        #expect(result == .success(ChatRequest(.message(text: "hi there", room: nil))))
    }

    @Test func emptyFrameIsAnEmptyMessage() {
        let empty: [UInt8] = []
        let result = empty.withUnsafeBytes { ChatRequest.parse($0) }
        #expect(result == .success(ChatRequest(.message(text: "", room: nil))))
    }

    @Test(arguments: ["{", "  {oops", "{\"type\":\"rooms\",}", "{\"type\":\"rooms\"} trailing", "\t{'type':'rooms'}"])
    func braceStartMustBeJSON(_ text: String) {
        #expect(error(text)?.code == .badJSON)
        #expect(error(text)?.ref == nil)
    }

    @Test func unknownTypeKeepsRef() {
        #expect(error(#"{"type":"dance","ref":"x"}"#) == ChatError(.unknownType, #"unknown request type "dance""#, ref: .string("x")))
        #expect(error(#"{"type":"JOIN","room":"a"}"#)?.code == .unknownType)
    }

    @Test(arguments: [
        #"{}"#, #"{"type":1}"#, #"{"type":null}"#, #"{"type":"join"}"#, #"{"type":"join","room":5}"#,
        #"{"type":"leave"}"#, #"{"type":"message"}"#, #"{"type":"message","text":["x"]}"#,
        #"{"type":"message","text":"x","room":true}"#, #"{"type":"broadcast"}"#, #"{"type":"broadcast","text":null}"#,
        #"{"type":"nick"}"#, #"{"type":"nick","name":{}}"#, #"{"type":"who","room":1}"#,
        #"{"type":"join","room":"a","since":-1}"#, #"{"type":"join","room":"a","since":1.5}"#,
        #"{"type":"join","room":"a","since":"3"}"#, #"{"type":"join","room":"a","since":1e2}"#,
        #"{"type":"join","room":"a","since":18446744073709551616}"#,
    ])
    func missingOrWrongTypedFieldsAreBadRequest(_ text: String) {
        #expect(error(text)?.code == .badRequest)
    }

    @Test func badRequestCarriesRef() {
        #expect(error(#"{"type":"join","ref":7}"#)?.ref == .number("7"))
        #expect(error(#"{"ref":"r","type":"message","text":1}"#)?.ref == .string("r"))
    }

    @Test(arguments: [#"{"type":"rooms","ref":true}"#, #"{"type":"rooms","ref":{}}"#, #"{"type":"rooms","ref":[1]}"#])
    func invalidRefIsBadRequestWithoutRef(_ text: String) {
        #expect(error(text)?.code == .badRequest)
        #expect(error(text)?.ref == nil)
    }

    @Test(arguments: [
        #"{"type":"join","room":""}"#, #"{"type":"join","room":"a b"}"#, #"{"type":"leave","room":"é"}"#,
        #"{"type":"message","text":"x","room":"no/slash"}"#, #"{"type":"who","room":"x,y"}"#,
    ])
    func invalidRoomIsBadRoom(_ text: String) {
        #expect(error(text)?.code == .badRoom)
    }

    @Test func invalidNicknameIsBadName() {
        #expect(error(#"{"type":"nick","name":"","ref":1}"#) == ChatError(.badName, ChatError.badNameMessage, ref: .number("1")))
        #expect(error(#"{"type":"nick","name":"a\u0007b"}"#)?.code == .badName)
        #expect(error(#"{"type":"nick","name":"\u202Eevil"}"#)?.code == .badName)
    }

    @Test func nullOptionalFieldsAreAbsent() {
        #expect(request(#"{"type":"message","text":"x","room":null}"#) == ChatRequest(.message(text: "x", room: nil)))
        #expect(request(#"{"type":"join","room":"a","since":null}"#) == ChatRequest(.join(room: room("a"), since: nil, epoch: nil)))
        #expect(request(#"{"type":"who","room":null}"#) == ChatRequest(.who(room: nil)))
    }

    @Test func unknownFieldsAreIgnored() {
        #expect(request(#"{"type":"rooms","extra":{"deep":[1]},"v":2}"#) == ChatRequest(.rooms))
    }

    @Test func sinceBounds() {
        #expect(request(#"{"type":"join","room":"a","since":0}"#) == ChatRequest(.join(room: room("a"), since: 0, epoch: nil)))
        let max = #"{"type":"join","room":"a","since":18446744073709551615}"#
        #expect(request(max) == ChatRequest(.join(room: room("a"), since: UInt64.max, epoch: nil)))
    }

    @Test func nicknameIsTrimmed() {
        #expect(request(#"{"type":"nick","name":"  bob  "}"#) == ChatRequest(.nick(name: Nickname("bob")!)))
    }
}

/// A room name known to be valid.
func room(_ name: String) -> RoomName { RoomName(name)! }
