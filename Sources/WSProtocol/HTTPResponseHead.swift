/// A parsed status line and its header fields (RFC 9112 sections 4 and 5),
/// as the client reads the server's answer to its opening handshake.
public struct HTTPResponseHead: Equatable, Sendable {
    public var version: HTTPVersion
    /// The code and the reason phrase exactly as the server sent them.
    public var status: HTTPStatus
    public var headers: HTTPHeaders

    public init(version: HTTPVersion = .http1_1, status: HTTPStatus, headers: HTTPHeaders = [:]) {
        self.version = version
        self.status = status
        self.headers = headers
    }
}
