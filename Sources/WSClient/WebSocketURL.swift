/// A `ws://` or `wss://` address: `host[:port][/path][?query]`. A missing
/// scheme means `ws://`; the default port is 80, or 443 for `wss://`.
public struct WebSocketURL: Equatable, Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int
    /// Path and query as sent in the request line, starting with `/`.
    public var target: String
    /// `wss://`: WebSocket over TLS (RFC 6455 section 3).
    public var isSecure: Bool

    public init(host: String, port: Int? = nil, target: String = "/", isSecure: Bool = false) {
        self.host = host
        self.port = port ?? (isSecure ? 443 : 80)
        self.target = target
        self.isSecure = isSecure
    }

    public init(parsing text: String) throws(ClientError) {
        var rest = Substring(text)
        var isSecure = false
        if rest.hasPrefix("wss://") {
            isSecure = true
            rest = rest.dropFirst(6)
        } else if rest.hasPrefix("ws://") {
            rest = rest.dropFirst(5)
        } else if rest.contains("://") {
            throw .badURL(text, "the scheme must be ws:// or wss://")
        }
        let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        let authority = rest[..<slash]
        var target = String(rest[slash...])
        if target.isEmpty || target.hasPrefix("?") { target = "/" + target }
        let (host, port) = try Self.split(authority: authority, original: text)
        self.init(host: host, port: port, target: target, isSecure: isSecure)
    }

    /// The host and the port, if the authority names one.
    private static func split(authority: Substring, original: String) throws(ClientError) -> (String, Int?) {
        var host = authority
        var portText: Substring?
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        }
        guard !host.isEmpty else { throw .badURL(original, "no host") }
        guard let portText else { return (String(host), nil) }
        guard let port = Int(portText), (1...65535).contains(port) else { throw .badURL(original, "bad port '\(portText)'") }
        return (String(host), port)
    }

    public var scheme: String { isSecure ? "wss" : "ws" }

    var defaultPort: Int { isSecure ? 443 : 80 }

    public var description: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "\(scheme)://\(shownHost)\(port == defaultPort ? "" : ":\(port)")\(target)"
    }
}
