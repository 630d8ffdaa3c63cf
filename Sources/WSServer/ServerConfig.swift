import CEpoll
import Glibc
import WSProtocol

/// Everything an operator can set, with the defaults `--help` documents.
/// Durations are in seconds.
public struct ServerConfig: Sendable {
    public var host = "0.0.0.0"
    public var port = 8765
    /// Event loops (threads); by default one per CPU this process may use.
    public var threads = Int(cepoll_available_cpus())
    /// Largest chat message, summed over fragments (1009 beyond).
    public var maxMessageSize = 65536
    /// Largest message on `/echo` (the Autobahn 9.* cases send 16 MiB).
    public var echoMaxMessageSize = 16 * 1024 * 1024
    /// Bytes queued for one chat client before it is closed as a slow consumer.
    public var maxOutbound = 1024 * 1024
    /// Open WebSocket sessions; further upgrades get 503.
    public var maxConnections = ServerConfig.defaultMaxConnections()
    public var handshakeTimeout = 10.0
    /// Longest wait for the peer's close frame and the TCP close after ours.
    public var closeTimeout = 5.0
    public var shutdownTimeout = 5.0
    public var maxHeadSize = 8192
    /// Browser origins allowed to open a session; empty allows any.
    public var allowedOrigins: [String] = []
    /// Accept permessage-deflate (RFC 7692) when a client offers it; off, offers are ignored.
    public var deflate = true
    /// With deflate, messages the server sends are compressed from this many bytes on.
    public var deflateMinSize = PerMessageDeflate.defaultMinimumSize
    public var chat = ChatConfig()
    public var listenBacklog: Int32 = 4096

    public init() {}

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

    /// Outbound bound for an echo session: room for one echoed message of the
    /// echo limit on top of the usual queue.
    var echoOutboundLimit: Int { maxOutbound + echoMaxMessageSize + 14 }

    /// Checks ranges, so a typo fails at start-up with a clear message.
    public func validate() throws(ServerError) {
        func require(_ condition: Bool, _ message: String) throws(ServerError) {
            if !condition { throw .invalidConfiguration(message) }
        }
        try require((0...65535).contains(port), "--port must be 0-65535")
        try require((1...64).contains(threads), "--threads must be 1-64")
        try require(maxMessageSize >= 125, "--max-message-size must be at least 125")
        try require(echoMaxMessageSize >= 125, "--echo-max-message-size must be at least 125")
        try require(maxOutbound >= 1024, "--max-outbound must be at least 1024")
        try require(maxConnections >= 1, "--max-connections must be at least 1")
        try require(handshakeTimeout > 0 && closeTimeout > 0, "timeouts must be positive")
        try require(shutdownTimeout >= 0, "--shutdown-timeout must not be negative")
        try require(deflateMinSize >= 0, "--deflate-min-size must not be negative")
        try require(chat.historySize >= 0, "--history must not be negative")
        try require(chat.maxRoomsPerClient >= 1, "--max-rooms-per-client must be at least 1")
        try require(chat.presenceLimit >= 0, "--presence-limit must not be negative")
        try require(chat.rateLimit >= 0, "--rate-limit must not be negative")
        try require(chat.idleTimeout >= 0, "--idle-timeout must not be negative (0 disables it)")
        try require(chat.sweepInterval > 0, "--sweep-interval must be positive")
    }
}

/// `RLIMIT_NOFILE` as the integer type getrlimit takes on this libc.
private let RLIMIT_NOFILE_VALUE = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
