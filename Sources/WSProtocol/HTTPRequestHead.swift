/// A parsed request line and its header fields (RFC 9112 sections 3 and 5).
public struct HTTPRequestHead: Equatable, Sendable {
    /// The method token, case-sensitive ("GET", never "get").
    public var method: String
    /// The request-target as sent, query included.
    public var target: String
    public var version: HTTPVersion
    public var headers: HTTPHeaders

    public init(method: String, target: String, version: HTTPVersion = .http1_1, headers: HTTPHeaders = [:]) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
    }

    /// The target before the first `?`, still percent-encoded.
    public var path: String {
        guard let mark = target.utf8.firstIndex(of: ASCII.question) else { return target }
        return String(target[..<mark])
    }

    /// The raw text after the first `?` (possibly empty), or nil if there is no `?`.
    public var query: String? {
        guard let mark = target.utf8.firstIndex(of: ASCII.question) else { return nil }
        return String(target[target.utf8.index(after: mark)...])
    }
}
