/// The last `capacity` message payloads of a room, oldest first, each a
/// slice of the frame that carried it (so storing costs no copy). Messages
/// are numbered consecutively, so the newest entry has the room's `seq` and
/// the replay "after seq S" is a suffix.
struct HistoryRing {
    let capacity: Int
    private var entries: [ArraySlice<UInt8>] = []
    /// Index of the oldest entry once the ring is full.
    private var head = 0

    init(capacity: Int) {
        self.capacity = max(0, capacity)
    }

    var count: Int { entries.count }

    mutating func append(_ payload: ArraySlice<UInt8>) {
        guard capacity > 0 else { return }
        if entries.count < capacity {
            entries.append(payload)
        } else {
            entries[head] = payload
            head = (head + 1) % capacity
        }
    }

    /// The newest `limit` entries (all when fewer), oldest first.
    func newest(_ limit: Int) -> [ArraySlice<UInt8>] {
        let take = min(max(0, limit), entries.count)
        var result: [ArraySlice<UInt8>] = []
        result.reserveCapacity(take)
        for offset in (entries.count - take)..<entries.count {
            result.append(entries[(head + offset) % entries.count])
        }
        return result
    }

    /// The entries after `since` when the newest has `seq`: everything
    /// without `since` or when `since` is older than the buffer reaches,
    /// nothing when `since` is `seq` or later.
    func replay(since: UInt64?, seq: UInt64) -> [ArraySlice<UInt8>] {
        guard let since else { return newest(entries.count) }
        guard since < seq else { return [] }
        let missed = seq - since
        return newest(missed > UInt64(entries.count) ? entries.count : Int(missed))
    }
}
