import ChatWire

/// The bytes of a `message` request on either side of its text, encoded once
/// per room by ChatWire, so that the send path writes prefix, text and
/// suffix straight into the frame and encodes nothing per message. What goes
/// between them is JSON string content, escapes included.
struct MessageTemplate: Sendable {
    /// `{"type":"message","room":"NAME","text":"`
    let prefix: [UInt8]
    /// `"}`
    let suffix: [UInt8]

    /// The echo endpoint's: no request around the text, which is the whole payload.
    static let bare = MessageTemplate(prefix: [], suffix: [])

    private init(prefix: [UInt8], suffix: [UInt8]) {
        self.prefix = prefix
        self.suffix = suffix
    }

    /// Split inside the empty text's `""`: `text` is the last member
    /// `ChatRequest` writes when there is no `ref`, so only `"}` follows it.
    init(room: RoomName) {
        let json = ChatRequest(.message(text: "", room: room)).json
        prefix = Array(json.dropLast(2))
        suffix = Array(json.suffix(2))
    }
}
