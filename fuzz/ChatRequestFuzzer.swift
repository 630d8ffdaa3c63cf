/// libFuzzer entry for `ChatRequest.parse` and the `JSONParser`/`JSONWriter`
/// pair under it. Input: one text frame's payload, as is. The WebSocket
/// layer only lets UTF-8 through, but nothing here may rely on that to stay safe.
@_cdecl("LLVMFuzzerTestOneInput")
public func chatRequestFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let frame = UnsafeBufferPointer(start: size > 0 ? data : nil, count: size)
    ChatRequestFuzzer.checkUTF8(frame)
    let json = ChatRequestFuzzer.checkJSON(frame)
    ChatRequestFuzzer.checkRequest(frame, json: json)
    return 0
}

/// The rules one frame is checked against.
enum ChatRequestFuzzer {
    /// `UTF8Validator` (which the JSON parser uses) must agree with the standard library's validation.
    static func checkUTF8(_ frame: UnsafeBufferPointer<UInt8>) {
        let expected = String(validating: frame, as: UTF8.self) != nil
        var validator = UTF8Validator()
        let valid = validator.validate(UnsafeRawBufferPointer(frame)) && validator.isComplete
        Fuzz.require(valid == expected, "UTF8Validator disagrees on \(Array(frame))")
    }

    /// Parses the frame as JSON. A failure points inside the input; a value
    /// written back by `JSONWriter` parses to the same value.
    static func checkJSON(_ frame: UnsafeBufferPointer<UInt8>) -> Result<JSONValue, JSONParser.Failure> {
        let parsed = Result { () throws(JSONParser.Failure) in try JSONParser.parse(frame) }
        switch parsed {
        case .failure(let failure):
            Fuzz.require((0...frame.count).contains(failure.offset), "failure offset \(failure.offset)")
        case .success(let value):
            var writer = JSONWriter()
            writer.value(value)
            let reparsed = Result { () throws(JSONParser.Failure) in try JSONParser.parse(writer.bytes) }
            Fuzz.require(reparsed == .success(value), "\(value) wrote \(writer.bytes), which reads as \(reparsed)")
        }
        return parsed
    }

    /// Plain text and non-object JSON are messages of the whole frame; a
    /// frame that opens with `{` is a request, `bad_json` exactly when the
    /// JSON parser refuses it, and every field of a request obeys its rules.
    static func checkRequest(_ frame: UnsafeBufferPointer<UInt8>, json: Result<JSONValue, JSONParser.Failure>) {
        let result = ChatRequest.parse(frame)
        guard let first = frame.first(where: { !JSONParser.isWhitespace($0) }), first == UInt8(ascii: "{") else {
            let text = String(decoding: frame, as: UTF8.self)
            Fuzz.require(result == .success(ChatRequest(.message(text: text, room: nil))), "plain text gave \(result)")
            return
        }
        switch (result, json) {
        case (.failure(let error), .failure):
            Fuzz.require(error.code == .badJSON, "broken JSON gave \(error)")
        case (.failure(let error), .success):
            Fuzz.require(error.code != .badJSON, "valid JSON refused as \(error)")
        case (.success(let request), .success):
            checkFields(request)
        case (.success(let request), .failure(let failure)):
            Fuzz.require(false, "JSON refused at \(failure.offset) but parsed as \(request)")
        }
    }

    private static func checkFields(_ request: ChatRequest) {
        switch request.kind {
        case .join(let room, _, _), .leave(let room), .message(_, let room?), .who(let room?):
            checkRoom(room)
        case .nick(let name):
            Fuzz.require(Nickname(name.value) == name, "nickname \(name) does not validate as itself")
            Fuzz.require((1...Nickname.maxCharacters).contains(name.value.count), "nickname \(name)")
            Fuzz.require(name.value.utf8.count <= Nickname.maxBytes, "nickname of \(name.value.utf8.count) bytes")
        case .message, .broadcast, .rooms, .who, .refresh:
            break
        }
    }

    private static func checkRoom(_ room: RoomName) {
        Fuzz.require((1...RoomName.maxLength).contains(room.value.utf8.count), "room \(room)")
        Fuzz.require(room.value.utf8.allSatisfy { $0 < 0x80 }, "room \(room) not ASCII")
    }
}
