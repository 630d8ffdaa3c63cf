/// What arrives for one room from the backplane, in the room's one order.
public enum RoomEvent: Sendable, Equatable {
    /// A numbered message: its position and its complete `message` payload.
    case message(LogPosition, payload: [UInt8])
    case presence(PresenceNotice)
    /// The room's log is at this position; nothing is delivered. A node asks
    /// for one after it resubscribed, to find out what it missed.
    case mark(LogPosition)

    /// The log position the event carries, if any.
    var position: LogPosition? {
        switch self {
        case .message(let position, _): position
        case .presence(let notice): notice.position
        case .mark(let position): position
        }
    }
}
