import RESP

/// How the replies to a command are matched, decided from its name: most
/// commands get one reply; a (P)SUBSCRIBE or (P)UNSUBSCRIBE of n channels
/// gets n confirmations; a few commands would make replies impossible to
/// match and are refused.
enum RedisCommandKind: Equatable {
    /// One reply; not allowed on a subscriber connection.
    case regular
    /// One reply, on any connection: PING (how a subscriber is checked) and QUIT.
    case anyMode
    /// SUBSCRIBE or PSUBSCRIBE of this many channels or patterns: the connection becomes a subscriber.
    case subscribe(confirmations: Int)
    /// UNSUBSCRIBE or PUNSUBSCRIBE of this many channels or patterns.
    case unsubscribe(confirmations: Int)
    /// Refused, and why.
    case refused(String)

    init(_ command: RESPCommand) {
        let name = command.name
        let operands = command.arguments.count - 1
        switch name {
        case "SUBSCRIBE", "PSUBSCRIBE", "UNSUBSCRIBE", "PUNSUBSCRIBE":
            // Without operands, UNSUBSCRIBE answers once per current subscription: not countable here.
            guard operands > 0 else {
                self = .refused("\(name) needs at least one channel or pattern")
                return
            }
            self = name.hasSuffix("UNSUBSCRIBE") ? .unsubscribe(confirmations: operands) : .subscribe(confirmations: operands)
        case "PING", "QUIT":
            self = .anyMode
        case "MONITOR", "SYNC", "PSYNC", "SSUBSCRIBE", "SUNSUBSCRIBE":
            self = .refused("\(name) sends replies no command asked for")
        case "HELLO", "RESET":
            self = .refused("\(name) changes the protocol or session state the connection relies on")
        case "CLIENT" where command.arguments.dropFirst().first?.uppercasedName == "REPLY":
            self = .refused("CLIENT REPLY suppresses the replies the connection matches")
        default:
            self = .regular
        }
    }
}
