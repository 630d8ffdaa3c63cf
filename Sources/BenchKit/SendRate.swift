/// `--rate`: a paced open loop, or a closed loop that keeps `--window`
/// messages in flight per sender.
public enum SendRate: Equatable, Sendable {
    /// Messages per second: in total for fanout and echo, per client for rooms.
    case perSecond(Double)
    /// As fast as replies come back, bounded by the window.
    case max
}
