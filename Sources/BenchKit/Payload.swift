import ChatWire

/// `--payload`: what follows the latency marker in each message's text, up
/// to `--size`. Made once per run; the send path copies a prefix of it.
public enum Payload: String, CaseIterable, Sendable {
    /// `abc...xyzabc...`: wsload's padding.
    case letters
    /// JSON-like records (ids, names, tags, a sentence), the kind of text an
    /// application sends, which compresses like such text does.
    case json

    /// At least `count` bytes; their first `count` - marker length bytes
    /// follow the marker. Inside a request the text is a JSON string, so
    /// JSON text goes in escaped (`\"`), and `--size` counts the escapes.
    /// A cut right after an escape's backslash would escape the closing
    /// quote: the send path turns such a last byte into a space.
    public func padding(count: Int, insideJSONString: Bool) -> [UInt8] {
        switch self {
        case .letters:
            return (0..<count).map { UInt8(ascii: "a") + UInt8($0 % 26) }
        case .json:
            let text = JSONLikeText.make(atLeast: count)
            guard insideJSONString else { return text }
            var writer = JSONWriter(capacity: text.count + text.count / 4)
            writer.string(String(decoding: text, as: UTF8.self))
            return Array(writer.bytes.dropFirst().dropLast())
        }
    }
}
