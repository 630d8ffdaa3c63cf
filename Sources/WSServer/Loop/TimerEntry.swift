/// One armed connection deadline (handshake, close, token expiry), 16
/// bytes: the slot and the low half of the serial name the connection well
/// enough (see `Connection.token`). Entries are never removed early: a fired
/// entry is checked against the connection's current deadline and dropped
/// if stale, so re-arming is one push onto the loop's `MinHeap`.
struct TimerEntry: HeapKeyed, Sendable {
    var deadline: UInt64
    var slot: UInt32
    var serialLowBits: UInt32

    init(deadline: UInt64, client: ClientID) {
        self.deadline = deadline
        slot = UInt32(truncatingIfNeeded: client.slot)
        serialLowBits = UInt32(truncatingIfNeeded: client.serial)
    }

    var heapKey: UInt64 { deadline }

    func matches(_ connection: Connection) -> Bool {
        UInt32(truncatingIfNeeded: connection.id.serial) == serialLowBits && connection.deadline == deadline
    }
}
