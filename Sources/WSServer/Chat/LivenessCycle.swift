/// The idle cycle of one connection: a ping once silent for `pingAfter`,
/// a close once silent for `closeAfter`; any activity starts it over.
/// Chat clients run it in the registry's sweep, echo sessions in their
/// loop's; both with the same `--idle-timeout` (ping at half of it).
struct LivenessCycle: Sendable {
    /// Where the connection is in the cycle since its last activity.
    enum Stage: Sendable {
        case active
        /// A ping was asked for.
        case pinged
        /// A close was asked for.
        case closing
    }

    /// What a sweep wants done.
    enum Action {
        case ping
        case close
    }

    /// Monotonic nanoseconds of the last frame of any kind.
    private(set) var lastActivity: UInt64
    private(set) var stage = Stage.active

    init(now: UInt64) {
        lastActivity = now
    }

    mutating func recordActivity(now: UInt64) {
        lastActivity = max(lastActivity, now)
        stage = .active
    }

    /// Ping once at `pingAfter` nanoseconds of silence, close once at
    /// `closeAfter`.
    mutating func sweep(now: UInt64, pingAfter: UInt64, closeAfter: UInt64) -> Action? {
        let silence = now - min(now, lastActivity)
        switch stage {
        case .closing:
            return nil
        case .active, .pinged:
            if silence >= closeAfter {
                stage = .closing
                return .close
            }
            guard silence >= pingAfter, stage == .active else { return nil }
            stage = .pinged
            return .ping
        }
    }
}
