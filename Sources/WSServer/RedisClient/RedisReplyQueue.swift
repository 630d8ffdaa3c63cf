/// The replies a connection awaits, oldest first, matched to commands by
/// order alone (Redis answers in order). A ring-free FIFO: an array and a
/// head index, compacted once the consumed prefix is at least half of it.
struct RedisReplyQueue {
    /// Who gets the reply.
    enum Recipient {
        /// The AUTH the connection sent first.
        case authentication
        /// The SELECT the connection sent after AUTH.
        case select
        /// A caller's command.
        case command(RedisConnection.Completion)
        /// A (P)SUBSCRIBE or (P)UNSUBSCRIBE: confirmations still due, then the completion.
        case subscription(remaining: Int, RedisConnection.Completion)
    }

    /// One awaited reply and how long it may take once it is the oldest.
    struct Entry {
        var recipient: Recipient
        var timeout: UInt64
    }

    private var entries: [Entry] = []
    private var head = 0

    var count: Int { entries.count - head }
    var isEmpty: Bool { head == entries.count }
    var first: Entry? { isEmpty ? nil : entries[head] }

    mutating func append(_ entry: Entry) {
        entries.append(entry)
    }

    mutating func removeFirst() -> Entry {
        let entry = entries[head]
        head += 1
        if head == entries.count {
            entries.removeAll(keepingCapacity: entries.count <= 1024)
            head = 0
        } else if head >= 1024, head * 2 >= entries.count {
            entries.removeFirst(head)
            head = 0
        }
        return entry
    }

    /// Counts one confirmation of the oldest entry, a subscription with more still due.
    mutating func confirmOne() {
        guard case .subscription(let remaining, let completion) = entries[head].recipient else { return }
        entries[head].recipient = .subscription(remaining: remaining - 1, completion)
    }

    /// Empties the queue and returns what it held, oldest first.
    mutating func removeAll() -> ArraySlice<Entry> {
        let rest = entries[head...]
        entries = []
        head = 0
        return rest
    }
}
