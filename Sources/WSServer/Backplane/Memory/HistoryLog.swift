/// A room's recent messages, oldest first, bounded by count and by bytes
/// (the payload bytes it holds): appending past either bound drops the
/// oldest. Messages are numbered consecutively, so the entries after a seq
/// are a suffix.
struct HistoryLog: Sendable {
    let capacity: Int
    let byteCapacity: Int
    private var entries: [LoggedMessage] = []
    /// Index of the oldest entry.
    private var head = 0
    private(set) var bytes = 0

    init(capacity: Int, byteCapacity: Int) {
        self.capacity = max(0, capacity)
        self.byteCapacity = max(0, byteCapacity)
    }

    var count: Int { entries.count - head }
    var oldestSeq: UInt64? { count > 0 ? entries[head].seq : nil }

    /// Appends `message` (a message larger than the byte bound is not kept);
    /// returns how many bytes the log grew by (negative when it shrank).
    @discardableResult
    mutating func append(_ message: LoggedMessage) -> Int {
        let before = bytes
        guard capacity > 0, message.payload.count <= byteCapacity else {
            removeAll()
            return bytes - before
        }
        entries.append(message)
        bytes += message.payload.count
        while count > capacity || bytes > byteCapacity { dropOldest() }
        compactIfWorthIt()
        return bytes - before
    }

    /// Drops the oldest entry; returns the bytes freed.
    @discardableResult
    mutating func dropOldest() -> Int {
        guard count > 0 else { return 0 }
        let freed = entries[head].payload.count
        entries[head] = LoggedMessage(seq: 0, payload: [])
        head += 1
        bytes -= freed
        return freed
    }

    mutating func removeAll() {
        entries = []
        head = 0
        bytes = 0
    }

    /// Every entry, oldest first.
    var all: [LoggedMessage] { Array(entries[head...]) }

    /// The entries with `seq` greater than `since` up to `through`, oldest first.
    func after(_ since: UInt64, through: UInt64 = .max) -> [LoggedMessage] {
        guard let oldest = oldestSeq else { return [] }
        let skip = since >= oldest ? Int(min(since - oldest + 1, UInt64(count))) : 0
        return entries[(head + skip)...].prefix { $0.seq <= through }.map { $0 }
    }

    /// Keeps the dropped prefix from growing without bound.
    private mutating func compactIfWorthIt() {
        guard head >= 64, head * 2 >= entries.count else { return }
        entries.removeFirst(head)
        head = 0
    }
}
