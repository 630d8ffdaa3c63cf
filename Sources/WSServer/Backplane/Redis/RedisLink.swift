/// One of the backplane's two connections (commands, or pub/sub) with what
/// it takes to keep it up: the current connection, if any, whether it is
/// ready for use, when to try again after a failure, and the backoff.
struct RedisLink {
    let token: UInt64
    var connection: RedisConnection?
    /// Connected and set up (scripts loaded, or base channels subscribed).
    var isReady = false
    var retryAt: UInt64?
    var backoff = Backoff(base: 0.1, cap: 5)
    /// The reason of the last failure, until it works again.
    var problem: String?

    init(token: UInt64) {
        self.token = token
    }
}
