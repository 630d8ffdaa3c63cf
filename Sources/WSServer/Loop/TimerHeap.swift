/// Connection deadlines (handshake, close) in a binary min-heap. Entries are
/// never removed early: a fired entry is checked against the connection's
/// current deadline and dropped if stale, so re-arming is one push.
struct TimerHeap {
    /// One armed deadline, 16 bytes: the slot and the low half of the
    /// serial name the connection well enough (see `Connection.token`).
    struct Entry {
        var deadline: UInt64
        var slot: UInt32
        var serialLowBits: UInt32

        init(deadline: UInt64, client: ClientID) {
            self.deadline = deadline
            slot = UInt32(truncatingIfNeeded: client.slot)
            serialLowBits = UInt32(truncatingIfNeeded: client.serial)
        }

        func matches(_ connection: Connection) -> Bool {
            UInt32(truncatingIfNeeded: connection.id.serial) == serialLowBits && connection.deadline == deadline
        }
    }

    private var heap: [Entry] = []

    var isEmpty: Bool { heap.isEmpty }
    var earliest: UInt64? { heap.first?.deadline }

    mutating func push(_ entry: Entry) {
        heap.append(entry)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].deadline < heap[parent].deadline else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the earliest entry if it is due at `now`.
    mutating func popDue(now: UInt64) -> Entry? {
        guard let first = heap.first, first.deadline <= now else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            siftDown()
        }
        return first
    }

    private mutating func siftDown() {
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < heap.count, heap[left].deadline < heap[smallest].deadline { smallest = left }
            if right < heap.count, heap[right].deadline < heap[smallest].deadline { smallest = right }
            guard smallest != parent else { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
