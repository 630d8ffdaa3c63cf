/// A `ws://host[:port][/path][?query]` address. A missing scheme means
/// `ws://`; `wss://` is refused with a clear message, since this client has
/// no TLS.
public struct WebSocketURL: Equatable, Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int
    /// Path and query as sent in the request line, starting with `/`.
    public var target: String

    public init(host: String, port: Int = 80, target: String = "/") {
        self.host = host
        self.port = port
        self.target = target
    }

    public init(parsing text: String) throws(ClientError) {
        var rest = Substring(text)
        if rest.hasPrefix("wss://") { throw .badURL(text, "wss:// (TLS) is not supported; use ws://") }
        if rest.hasPrefix("ws://") { rest = rest.dropFirst(5) }
        else if rest.contains("://") { throw .badURL(text, "the scheme must be ws://") }
        let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        let authority = rest[..<slash]
        var target = String(rest[slash...])
        if target.isEmpty || target.hasPrefix("?") { target = "/" + target }
        let (host, port) = try Self.split(authority: authority, original: text)
        self.init(host: host, port: port, target: target)
    }

    private static func split(authority: Substring, original: String) throws(ClientError) -> (String, Int) {
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
        guard let portText else { return (String(host), 80) }
        guard let port = Int(portText), (1...65535).contains(port) else { throw .badURL(original, "bad port '\(portText)'") }
        return (String(host), port)
    }

    public var description: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "ws://\(shownHost)\(port == 80 ? "" : ":\(port)")\(target)"
    }
}
