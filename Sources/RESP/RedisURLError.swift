/// Why a `redis://` URL was refused. No case carries the password, and no
/// description quotes anything from before the `@`, so these are safe to log.
public enum RedisURLError: Error, Hashable, Sendable {
    /// No `scheme://` at the start.
    case missingScheme
    /// A scheme other than `redis` (`rediss`, TLS, is not supported).
    case unsupportedScheme(String)
    /// Text before `@` that is not `:PASSWORD` or `USER:PASSWORD`: the reason.
    case invalidUserInfo(String)
    /// A `%` not followed by two hex digits, in the part named.
    case invalidPercentEncoding(part: String)
    /// Nothing between `//` (or `@`) and the port or path.
    case missingHost
    /// A host that is not a name, an IPv4 address or a bracketed IPv6 address.
    case invalidHost(String)
    /// A port that is not a number in 1...65535.
    case invalidPort(String)
    /// A path that is not `/` followed by a database number.
    case invalidDatabase(String)
    /// A query (`?`) or fragment (`#`), which carry nothing Redis URLs use here.
    case unsupportedSuffix
}

extension RedisURLError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .missingScheme: "expected redis://[[USER]:PASSWORD@]HOST[:PORT][/DB]"
        case .unsupportedScheme(let scheme) where scheme == "rediss": "rediss:// (TLS) is not supported; use redis://"
        case .unsupportedScheme(let scheme): "unsupported scheme \(scheme)://; use redis://"
        case .invalidUserInfo(let reason): "invalid credentials before '@': \(reason)"
        case .invalidPercentEncoding(let part): "invalid percent-encoding in the \(part)"
        case .missingHost: "missing host"
        case .invalidHost(let host): "invalid host \(host) (IPv6 addresses go in brackets: [::1])"
        case .invalidPort(let port): "invalid port \(port) (expected 1-65535)"
        case .invalidDatabase(let path): "invalid database \(path) (expected /0, /1, ...)"
        case .unsupportedSuffix: "query and fragment are not supported (percent-encode '?' and '#' in a password)"
        }
    }
}
