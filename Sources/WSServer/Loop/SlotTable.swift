/// A loop's connections indexed by slot, with freed slots reused first so
/// the table stays as small as the peak number of connections.
struct SlotTable {
    private var entries: [Connection?] = []
    private var free: [Int] = []
    private(set) var count = 0

    /// The slot the next insert will use.
    var nextSlot: Int { free.last ?? entries.count }

    mutating func insert(_ connection: Connection) {
        precondition(connection.id.slot == nextSlot, "connection built for another slot")
        if let slot = free.popLast() {
            entries[slot] = connection
        } else {
            entries.append(connection)
        }
        count += 1
    }

    subscript(slot: Int) -> Connection? {
        slot >= 0 && slot < entries.count ? entries[slot] : nil
    }

    /// The connection for `id`, unless its slot now holds a newer client.
    func connection(for id: ClientID) -> Connection? {
        guard let connection = self[id.slot], connection.id.serial == id.serial else { return nil }
        return connection
    }

    mutating func remove(_ id: ClientID) {
        guard connection(for: id) != nil else { return }
        entries[id.slot] = nil
        free.append(id.slot)
        count -= 1
    }

    /// Every live connection, for shutdown and sweeps.
    var all: [Connection] { entries.compactMap { $0 } }
}
