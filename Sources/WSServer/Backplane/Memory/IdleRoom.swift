import ChatWire

/// An empty room as of when it was last active, in the memory backplane's
/// queue of rooms to forget (longest idle first). Entries are never removed
/// early: one is stale once its room's generation moved on (activity, or
/// members again), and is skipped when it surfaces.
struct IdleRoom: HeapKeyed, Sendable {
    var lastActive: UInt64
    var room: RoomName
    var generation: UInt64

    var heapKey: UInt64 { lastActive }
}
