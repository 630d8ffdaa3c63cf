/// A request that passed `ServerHandshake.validate`: what the server needs
/// to answer it and to route the new connection.
public struct UpgradeRequest: Equatable, Sendable {
    /// `Sec-WebSocket-Key` as sent; the accept value is computed from these exact characters.
    public var key: String
    public var host: String
    /// `Origin`, nil if absent; "a server MAY use it" to refuse foreign pages (RFC 6455 section 10.2).
    public var origin: String?
    /// The request-target before `?`, still percent-encoded.
    public var path: String
    /// The raw text after `?`, nil if there was no `?`.
    public var query: String?
    /// `Sec-WebSocket-Protocol` offers in order, case kept (subprotocol names are case-sensitive).
    public var subprotocols: [String]
    /// `Sec-WebSocket-Extensions` offers as written, parameters included, in
    /// order (see `ExtensionElement` and `DeflateOffer.negotiate`).
    public var extensions: [String]

    public init(
        key: String, host: String, origin: String? = nil, path: String, query: String? = nil,
        subprotocols: [String] = [], extensions: [String] = []
    ) {
        self.key = key
        self.host = host
        self.origin = origin
        self.path = path
        self.query = query
        self.subprotocols = subprotocols
        self.extensions = extensions
    }

    /// The decoded query.
    public var queryParameters: QueryParameters { QueryParameters(query) }
}
