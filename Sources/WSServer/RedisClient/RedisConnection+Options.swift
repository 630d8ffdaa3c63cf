import RESP

extension RedisConnection {
    /// What a connection logs in with and how much it may hold or wait.
    struct Options: Sendable {
        /// Seconds the TCP connect may take.
        var connectTimeout: Double = 2
        /// Seconds the oldest awaited reply may take, counted from when it
        /// became the oldest; a command may give its own (blocking commands).
        var replyTimeout: Double = 5
        /// Bytes of encoded commands that may wait to be written; a command
        /// that would go past this is refused at once.
        var maxOutputBytes = 8 << 20
        /// Replies that may be awaited at once; more commands are refused.
        var maxPendingReplies = 100_000
        /// Bounds on what the server's replies may make the parser hold.
        var limits = RESPLimits()
        /// AUTH user (ACL); nil for the default user.
        var username: String?
        /// AUTH password; nil to send no AUTH.
        var password: [UInt8]?
        /// SELECT after connecting, unless 0.
        var database = 0

        init() {}

        /// The credentials and database of `url`, with default limits and timeouts.
        init(url: RedisURL) {
            username = url.username
            password = url.password
            database = url.database
        }
    }
}
