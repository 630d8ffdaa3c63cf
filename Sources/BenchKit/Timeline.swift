/// The run's instants and deadlines, in monotonic nanoseconds. The window
/// is [windowStart, windowEnd); `unset` until traffic starts.
struct Timeline: Sendable {
    static let unset = Int64.max

    let startedAt: Int64
    var setupDeadline: Int64
    var firstConnectAt: Int64 = 0
    var lastHandshakeAt: Int64 = 0
    var setupDoneAt: Int64 = 0
    var windowStart = unset
    var windowEnd = unset
    /// When the window's end was noticed (the hold's end in `connect`).
    var measureEndAt: Int64 = 0
    var drainDeadline: Int64 = 0
    var drainDoneAt: Int64 = 0
    var holdDeadline: Int64 = 0
    var closeDeadline: Int64 = 0
    var nextStallCheck: Int64 = 0

    init(startedAt: Int64, setupDeadline: Int64) {
        self.startedAt = startedAt
        self.setupDeadline = setupDeadline
    }

    func inWindow(_ time: Int64) -> Bool { time >= windowStart && time < windowEnd }
}
