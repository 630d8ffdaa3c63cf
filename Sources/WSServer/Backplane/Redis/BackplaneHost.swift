/// What the Redis backplane needs from the event loop it runs on: the
/// loop's clock and a way to have its connections' sockets watched.
protocol BackplaneHost: AnyObject {
    var now: UInt64 { get }
    func watch(_ fd: Int32, token: UInt64, interest: IOEvents)
    func rewatch(_ fd: Int32, token: UInt64, interest: IOEvents)
}
