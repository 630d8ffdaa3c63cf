import SystemKit

/// The epoll set in the loop's terms: interest and readiness as `IOEvents`,
/// failures as `ServerError`.
extension Epoll {
    func add(_ descriptor: Int32, token: UInt64, interest: IOEvents) throws(ServerError) {
        do {
            try add(descriptor, token: token, events: interest.epollMask)
        } catch {
            throw .system(error)
        }
    }

    func modify(_ descriptor: Int32, token: UInt64, interest: IOEvents) throws(ServerError) {
        do {
            try modify(descriptor, token: token, events: interest.epollMask)
        } catch {
            throw .system(error)
        }
    }

    /// The token and readiness of ready registration `position` from the last `wait`.
    func readiness(at position: Int) -> (UInt64, IOEvents) {
        let (token, mask) = event(at: position)
        return (token, IOEvents(epollMask: mask))
    }
}
