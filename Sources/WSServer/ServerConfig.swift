import CEpoll
import Glibc
import WSProtocol

/// Everything an operator can set, with the defaults `--help` documents.
/// Durations are in seconds.
public struct ServerConfig: Sendable {
    /// Whether a chat session needs a token once a secret is configured.
    public enum AuthMode: String, Sendable, CaseIterable {
        /// No token: `401`.
        case required
        /// No token: a guest, as without authentication.
        case optional
    }

    /// Who may open an `/echo` session.
    public enum EchoAccess: String, Sendable, CaseIterable {
        /// Loopback clients only (conformance runs and diagnostics are local).
        case local
        case `public`
        case off
    }

    public var host = "0.0.0.0"
    public var port = 8765
    /// Event loops (threads); by default one per CPU this process may use.
    public var threads = Int(cepoll_available_cpus())
    /// Largest chat message, summed over fragments (1009 beyond).
    public var maxMessageSize = 65536
    /// Largest message on `/echo` (the Autobahn 9.* cases send 16 MiB).
    public var echoMaxMessageSize = 16 * 1024 * 1024
    public var echo = EchoAccess.local
    /// Bytes queued for one client before it is closed as a slow consumer
    /// (one event always fits, whatever its size).
    public var maxOutbound = 1024 * 1024
    /// Open WebSocket sessions; further upgrades get 503.
    public var maxConnections = ServerConfig.defaultMaxConnections()
    /// Connections still sending their request head; beyond, accepting waits.
    public var maxHandshakes = 1024
    /// Connections one address (IPv4, or IPv6 /64) may hold; beyond, 503.
    public var maxConnectionsPerAddress = 1000
    public var handshakeTimeout = 10.0
    /// Longest time a fragmented message may take from first to last frame.
    public var messageTimeout = 30.0
    /// Longest wait for the peer's close frame and the TCP close after ours.
    public var closeTimeout = 5.0
    public var shutdownTimeout = 5.0
    public var maxHeadSize = 8192
    /// Extra browser origins allowed to open a session (the page's own
    /// origin always is); `*` allows any.
    public var allowedOrigins: [String] = []
    /// Accept permessage-deflate (RFC 7692) when a client offers it; off, offers are ignored.
    public var deflate = true
    /// With deflate, messages the server sends are compressed from this many bytes on.
    public var deflateMinSize = PerMessageDeflate.defaultMinimumSize
    public var chat = ChatConfig()
    /// `redis://[[USER]:PASSWORD@]HOST[:PORT][/DB]`: share the room space
    /// with every node given the same URL; nil keeps it in memory.
    public var redis: String?
    /// The Redis password from `--redis-password-file`, kept out of the URL
    /// (and so out of `ps`); nil uses the URL's, if any.
    public var redisPassword: [UInt8]?
    /// Seconds after which a node that stopped heartbeating has its members
    /// announced gone by the others.
    public var nodeTimeout = 30.0
    /// The HS256 key tokens are signed with (`--auth-secret-file`); nil
    /// turns authentication off.
    public var authSecret: [UInt8]?
    /// Nil: required once a secret is given.
    public var authMode: AuthMode?
    /// The key backends present to the HTTP API (`--api-key-file`); nil
    /// turns the API off (`404`).
    public var apiKey: [UInt8]?
    public var listenBacklog: Int32 = 4096
    /// The PEM certificate chain and private key (`--tls-cert`, `--tls-key`):
    /// with both, the port speaks TLS only (wss:// and https://).
    public var tlsCertificateFile: String?
    public var tlsKeyFile: String?

    public init() {}

    /// The chat rules' settings with the limits they share with the loops.
    var chatRules: ChatConfig {
        var rules = chat
        rules.maxMessageSize = maxMessageSize
        rules.maxReplyBytes = maxOutbound
        rules.tokenSecret = authSecret
        return rules
    }

    /// The fd limit after `raiseDescriptorLimit`, minus room for sockets
    /// still in their handshake and the server's own descriptors.
    public static func defaultMaxConnections() -> Int {
        let limit = raiseDescriptorLimit()
        return max(1, limit - min(1024, max(32, limit / 16)))
    }

    /// Raises the soft descriptor limit to the hard maximum (idempotent) and returns it.
    @discardableResult
    public static func raiseDescriptorLimit() -> Int {
        var limit = rlimit()
        guard getrlimit(RLIMIT_NOFILE_VALUE, &limit) == 0 else { return 1024 }
        if limit.rlim_cur < limit.rlim_max {
            limit.rlim_cur = limit.rlim_max
            _ = setrlimit(RLIMIT_NOFILE_VALUE, &limit)
            _ = getrlimit(RLIMIT_NOFILE_VALUE, &limit)
        }
        return Int(clamping: limit.rlim_cur)
    }

    /// Whether a chat upgrade without a token is refused.
    var requiresToken: Bool { authSecret != nil && (authMode ?? .required) == .required }

    /// Outbound bound for an echo session: room for one echoed message of the
    /// echo limit on top of the usual queue.
    var echoOutboundLimit: Int { maxOutbound + echoMaxMessageSize + 14 }
}

/// `RLIMIT_NOFILE` as the integer type getrlimit takes on this libc.
private let RLIMIT_NOFILE_VALUE = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
