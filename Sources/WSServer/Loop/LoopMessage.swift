/// What one loop (or the signal handler) posts to another loop's inbox. A
/// loop drains its whole inbox once per pass, so a burst of cross-loop
/// traffic costs one wakeup, not one per message.
enum LoopMessage: Sendable {
    /// A freshly accepted socket for this loop to own.
    case adopt(Int32, PeerAddress)
    /// Registry output for clients on this loop, in order.
    case deliver([Delivery])
    /// Chat work for the registry (posted to loop 0 only), in order.
    case registry([RegistryCall])
    /// Stop accepting, send every client `1001 server shutting down`, drain.
    case shutDown
}
