import ChatWire

/// The last `seq` seen per room: what `join` asks to replay `since`, which
/// messages are duplicates (seen already, as a replay overlaps what arrived
/// live) and where messages went missing.
///
/// A room is remembered after leaving it, so joining again replays only
/// what was missed. When a joined room reports a `seq` below the last one
/// seen, the room started over (a server restart, or everyone left) and its
/// numbering restarts too, so the old mark is dropped.
public struct RoomTracker {
    /// What the `joined` reply means for the room's messages.
    public enum JoinOutcome: Equatable, Sendable {
        /// `messages` are new (already deduplicated, oldest first);
        /// `missing` is the range the server could no longer replay.
        case caughtUp(messages: [ChatMessage], missing: ClosedRange<UInt64>?)
        /// The room's seq went back from `previous` to `current`; the mark is
        /// reset, and a join `since: 0` recovers what the room has now.
        case restarted(previous: UInt64, current: UInt64)
    }

    /// What a live message means.
    public enum MessageVerdict: Equatable, Sendable {
        case fresh
        /// Fresh, but the messages in `missing` never arrived.
        case afterGap(missing: ClosedRange<UInt64>)
        case duplicate
    }

    private var lastSeq: [String: UInt64] = [:]

    public init() {}

    /// The `since` for a join of `room`: nil for a room never seen.
    public func since(_ room: String) -> UInt64? { lastSeq[room] }

    /// Reconciles a `joined` reply (room seq and the replayed history) with
    /// what was seen before; the join asked for `since(room)`.
    public mutating func joined(_ room: String, seq: UInt64, history: [ChatMessage]) -> JoinOutcome {
        let known = lastSeq[room]
        if let known, seq < known {
            lastSeq[room] = 0
            return .restarted(previous: known, current: seq)
        }
        let floor = known ?? 0
        let fresh = history.filter { $0.seq > floor }.sorted { $0.seq < $1.seq }
        let newest = max(seq, fresh.last?.seq ?? 0, floor)
        lastSeq[room] = newest
        guard known != nil else { return .caughtUp(messages: fresh, missing: nil) }
        let firstRecovered = fresh.first?.seq ?? newest + 1
        let missing = firstRecovered > floor + 1 ? (floor + 1)...(firstRecovered - 1) : nil
        return .caughtUp(messages: fresh, missing: missing)
    }

    /// Records a live `message`.
    public mutating func received(_ message: ChatMessage) -> MessageVerdict {
        let known = lastSeq[message.room] ?? 0
        guard message.seq > known else { return .duplicate }
        lastSeq[message.room] = message.seq
        guard known > 0, message.seq > known + 1 else { return .fresh }
        return .afterGap(missing: (known + 1)...(message.seq - 1))
    }
}
