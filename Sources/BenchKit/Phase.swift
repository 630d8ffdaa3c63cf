/// The run's phases, each bounded in time: setup (connect and join
/// everybody) → traffic (warmup, then the measurement window) → drain → close;
/// `connect` goes setup → hold → close.
enum Phase: Sendable {
    case setup
    case traffic
    /// After the window: waiting for the deliveries still under way.
    case drain
    /// `connect`: connections idle and open, pings answered.
    case hold
    /// Closing handshakes under way; figures are frozen.
    case close
    case done
}
