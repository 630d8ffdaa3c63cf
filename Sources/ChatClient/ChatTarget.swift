import WSClient
import WSProtocol

/// The address the interactive client connects to: the URL with the chat
/// parameters of PROTOCOL.md (`room`, `name`, `since`) taken out of its
/// query, because the client joins rooms itself (each with its own `since`)
/// and reconnects under the name the server confirmed last.
public struct ChatTarget: Equatable, Sendable {
    /// The URL without `room`, `name` and `since` parameters.
    public var base: WebSocketURL
    /// The URL's `room` parameters, then the `--room` options.
    public var rooms: [String]
    /// `--name`, else the URL's `name`.
    public var name: String?

    public init(_ options: ClientOptions) {
        let (path, query) = Self.split(options.url.target)
        let parameters = QueryParameters(query)
        let kept = parameters.filter { !["room", "name", "since"].contains($0.name) }
        base = options.url
        base.target = path + (kept.isEmpty ? "" : "?" + kept.map { Self.encoded($0.name) + "=" + Self.encoded($0.value) }.joined(separator: "&"))
        rooms = parameters.values(for: "room") + options.rooms
        name = options.name ?? parameters.first(for: "name")
    }

    /// The URL for one connection, under `name`.
    public func url(name: String?) -> WebSocketURL {
        Self.appending(rooms: [], name: name, to: base)
    }

    /// `url` with `room=` for each of `rooms` and `name=` added to its query.
    public static func appending(rooms: [String], name: String?, to url: WebSocketURL) -> WebSocketURL {
        let parameters = rooms.map { "room=" + encoded($0) } + (name.map { ["name=" + encoded($0)] } ?? [])
        guard !parameters.isEmpty else { return url }
        var result = url
        result.target += (url.target.contains("?") ? "&" : "?") + parameters.joined(separator: "&")
        return result
    }

    private static func split(_ target: String) -> (path: String, query: String?) {
        guard let mark = target.firstIndex(of: "?") else { return (target, nil) }
        return (String(target[..<mark]), String(target[target.index(after: mark)...]))
    }

    /// Percent-encodes everything but RFC 3986's unreserved characters.
    static func encoded(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                 UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                result += "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 15, radix: 16, uppercase: true)
            }
        }
        return result
    }
}
