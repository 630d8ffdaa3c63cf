import WSClient
import WSProtocol

/// The address the interactive client connects to: the URL with the chat
/// parameters of the protocol (`room`, `name`, `since`, `epoch`) taken out
/// of its query, because the client joins rooms itself (each with its own
/// `since` and `epoch`) and reconnects under the name the server confirmed
/// last. A `token` leaves the URL too: it travels in the `Authorization`
/// header, so it is never printed with the URL nor logged with it.
public struct ChatTarget: Equatable, Sendable {
    /// The URL without `room`, `name`, `since`, `epoch` and `token` parameters.
    public var base: WebSocketURL
    /// The URL's `room` parameters, then the `--room` options.
    public var rooms: [String]
    /// `--name`, else the URL's `name`.
    public var name: String?
    /// `--token` (or `CHAT_TOKEN`), else the URL's `token`.
    public var token: String?
    /// Whom a wss:// connection trusts.
    public var tls: TLSClientOptions

    public init(_ options: ClientOptions) {
        let (base, taken) = Self.removing(["room", "name", "since", "epoch", "token"], from: options.url)
        self.base = base
        rooms = taken.values(for: "room") + options.rooms
        name = options.name ?? taken.first(for: "name")
        token = options.token ?? taken.first(for: "token")
        tls = options.tls
    }

    /// The URL for one connection, under `name`.
    public func url(name: String?) -> WebSocketURL {
        Self.appending(rooms: [], name: name, to: base)
    }

    /// The upgrade request's extra headers: `Authorization: Bearer` with the token, if any.
    public var headers: HTTPHeaders {
        Self.headers(token: token)
    }

    public static func headers(token: String?) -> HTTPHeaders {
        token.map { ["Authorization": "Bearer " + $0] } ?? [:]
    }

    /// `url` without the query parameters called one of `names`, and those parameters.
    public static func removing(_ names: Set<String>, from url: WebSocketURL) -> (url: WebSocketURL, removed: QueryParameters) {
        let (path, query) = split(url.target)
        let parameters = QueryParameters(query)
        let kept = parameters.filter { !names.contains($0.name) }
        var result = url
        result.target = path + (kept.isEmpty ? "" : "?" + kept.map { encoded($0.name) + "=" + encoded($0.value) }.joined(separator: "&"))
        return (result, QueryParameters(parameters.filter { names.contains($0.name) }))
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
