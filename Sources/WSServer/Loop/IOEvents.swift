import CEpoll

/// Readiness and interest flags in the loop's own terms, independent of the
/// epoll constants they map to.
struct IOEvents: OptionSet, Sendable {
    let rawValue: UInt8

    static let readable = IOEvents(rawValue: 1)
    static let writable = IOEvents(rawValue: 2)
    /// The peer hung up or the socket has an error: worth a read to find out which.
    static let hangup = IOEvents(rawValue: 4)

    /// The epoll interest mask for these flags (level-triggered).
    var epollMask: UInt32 {
        var mask: UInt32 = 0
        if contains(.readable) { mask |= EPOLLIN.rawValue | EPOLLRDHUP.rawValue }
        if contains(.writable) { mask |= EPOLLOUT.rawValue }
        return mask
    }

    init(rawValue: UInt8) { self.rawValue = rawValue }

    init(epollMask mask: UInt32) {
        var events: IOEvents = []
        if mask & (EPOLLIN.rawValue | EPOLLPRI.rawValue) != 0 { events.insert(.readable) }
        if mask & EPOLLOUT.rawValue != 0 { events.insert(.writable) }
        if mask & (EPOLLHUP.rawValue | EPOLLERR.rawValue | EPOLLRDHUP.rawValue) != 0 { events.insert(.hangup) }
        self = events
    }
}
