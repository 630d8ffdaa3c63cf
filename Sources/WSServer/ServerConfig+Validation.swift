import RESP

/// Range checks for every setting, so a typo fails at start-up with a clear
/// message instead of misbehaving later (a negative head size once trapped
/// on the first request; a huge duration trapped in the clock).
extension ServerConfig {
    /// The longest duration any setting takes: a year.
    static let maxSeconds = 31_536_000.0

    public func validate() throws(ServerError) {
        try require((try? SocketAddress(host: host, port: 0)) != nil, "--host must be an IPv4 or IPv6 address or localhost, got '\(host)'")
        try checkSizes()
        try checkCounts()
        try checkDurations()
        try checkOrigins()
        try checkRedis()
        try require(authMode == nil || authSecret != nil, "--auth needs --auth-secret-file")
        try require((tlsCertificateFile == nil) == (tlsKeyFile == nil), "--tls-cert and --tls-key go together")
        try chat.validate()
    }

    private func checkRedis() throws(ServerError) {
        guard let redis else {
            return try require(redisPassword == nil, "--redis-password-file needs --redis")
        }
        let url: RedisURL
        do {
            url = try RedisURL(parsing: redis)
        } catch {
            throw .invalidConfiguration("--redis: \(error)")
        }
        try require(redisPassword == nil || url.password == nil, "--redis has a password and so does --redis-password-file; give it once")
        try require(nodeTimeout.isFinite && (1...3600).contains(nodeTimeout), "--node-timeout must be 1 to 3600 seconds")
    }

    private func checkSizes() throws(ServerError) {
        try require((0...65535).contains(port), "--port must be 0-65535")
        try require((125...(64 << 20)).contains(maxMessageSize), "--max-message-size must be 125 to 67108864 bytes")
        try require((125...(256 << 20)).contains(echoMaxMessageSize), "--echo-max-message-size must be 125 to 268435456 bytes")
        try require((1024...(1 << 30)).contains(maxOutbound), "--max-outbound must be 1024 to 1073741824 bytes")
        try require((256...(1 << 20)).contains(maxHeadSize), "--max-head-size must be 256 to 1048576 bytes")
        try require((0...(64 << 20)).contains(deflateMinSize), "--deflate-min-size must be 0 to 67108864 bytes")
    }

    private func checkCounts() throws(ServerError) {
        try require((1...64).contains(threads), "--threads must be 1-64")
        try require((1...10_000_000).contains(maxConnections), "--max-connections must be 1-10000000")
        try require((1...1_000_000).contains(maxHandshakes), "--max-handshakes must be 1-1000000")
        try require((1...10_000_000).contains(maxConnectionsPerAddress), "--max-connections-per-ip must be 1-10000000")
    }

    private func checkDurations() throws(ServerError) {
        try requireDuration(handshakeTimeout, "--handshake-timeout", allowsZero: false)
        try requireDuration(messageTimeout, "--message-timeout", allowsZero: false)
        try requireDuration(closeTimeout, "--close-timeout", allowsZero: false)
        try requireDuration(shutdownTimeout, "--shutdown-timeout", allowsZero: true)
    }

    private func checkOrigins() throws(ServerError) {
        for origin in allowedOrigins where origin != "*" && OriginPolicy.authority(of: origin.lowercased()) == nil {
            throw .invalidConfiguration("--allowed-origin must be * or scheme://host[:port], got '\(origin)'")
        }
    }
}

extension ChatConfig {
    func validate() throws(ServerError) {
        try require((0...100_000).contains(historySize), "--history must be 0-100000")
        try require((0...(1 << 40)).contains(historyMemory), "--history-memory must be 0 to 1099511627776 bytes")
        try require((1...10_000).contains(maxRoomsPerClient), "--max-rooms-per-client must be 1-10000")
        try require((0...1_000_000).contains(presenceLimit), "--presence-limit must be 0-1000000")
        try require(rateLimit.isFinite && (0...1e6).contains(rateLimit), "--rate-limit must be 0-1000000 (0 disables)")
        try require(byteRate.isFinite && (0...1e12).contains(byteRate), "--byte-rate must be 0-1000000000000 (0 disables)")
        try requireDuration(historyTTL, "--history-ttl", allowsZero: true)
        try requireDuration(idleTimeout, "--idle-timeout", allowsZero: true)
        try requireDuration(sweepInterval, "--sweep-interval", allowsZero: false)
    }
}

/// Throws `message` unless `condition` holds.
func require(_ condition: Bool, _ message: String) throws(ServerError) {
    if !condition { throw .invalidConfiguration(message) }
}

/// A finite number of seconds up to a year; zero only where it disables something.
func requireDuration(_ seconds: Double, _ flag: String, allowsZero: Bool) throws(ServerError) {
    let range = allowsZero ? "from 0 to" : "more than 0 and at most"
    try require(
        seconds.isFinite && seconds <= ServerConfig.maxSeconds && (allowsZero ? seconds >= 0 : seconds > 0),
        "\(flag) must be \(range) \(Int(ServerConfig.maxSeconds)) seconds")
}
