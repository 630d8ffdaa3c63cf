/// The four workloads, named and defaulted as in wsload so that runs of the
/// two tools line up flag for flag.
public enum Scenario: String, CaseIterable, Sendable {
    /// N members of one room; the first S send and every message goes to all N.
    case fanout
    /// N clients spread over K rooms; every client sends.
    case rooms
    /// M connections to the echo endpoint, each with a window of messages in flight.
    case echo
    /// C connections opened as fast as allowed, then held idle.
    case connect

    /// Whether messages flow: every scenario but `connect`.
    var sendsMessages: Bool {
        switch self {
        case .fanout, .rooms, .echo: true
        case .connect: false
        }
    }

    /// Whether every connection joins a room before it counts as ready.
    var joinsRoom: Bool {
        switch self {
        case .fanout, .rooms: true
        case .echo, .connect: false
        }
    }

    var defaultClients: Int {
        switch self {
        case .fanout, .rooms: 1000
        case .echo: 64
        case .connect: 10000
        }
    }

    var defaultPath: String {
        switch self {
        case .echo: "/echo"
        case .fanout, .rooms, .connect: "/"
        }
    }

    /// Open loop (`--rate R`) unless asked otherwise: rooms paces every
    /// client at 1 msg/s; fanout and echo run a closed loop with a window.
    var defaultRate: SendRate {
        switch self {
        case .rooms: .perSecond(1)
        case .fanout, .echo, .connect: .max
        }
    }
}
