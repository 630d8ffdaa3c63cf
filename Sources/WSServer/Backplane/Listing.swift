import ChatWire

/// A page of a listing from the backplane, with the full count.
public enum Listing: Sendable, Equatable {
    /// Rooms with members, most members first.
    case rooms([RoomSummary], total: Int)
    case members(RoomName, [ChatMember], total: Int)
}
