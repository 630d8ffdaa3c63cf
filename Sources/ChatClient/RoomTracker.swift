import ChatWire

/// Where the client stands in each room: the room's epoch and the last
/// `seq` seen there. That is what a `join` asks to replay `since` (with the
/// epoch, so the server can tell whether the numbering is still the same),
/// which messages are duplicates (a replay overlaps what arrived live) and
/// where messages went missing.
///
/// A room is remembered after leaving it, so joining again replays only
/// what was missed. The server answers a resume with `recovered`: false
/// means the view must be reset to what it sends. From a server without
/// epochs (protocol v1), a `seq` lower than the last one seen means the
/// room started over, and the old mark is dropped.
///
/// No arithmetic here can overflow, whatever `seq` a server sends: every
/// `+ 1` and `- 1` is on a value a comparison has shown to have room.
public struct RoomTracker {
    /// What the `joined` reply means for the room's messages.
    public enum JoinOutcome: Equatable, Sendable {
        /// `messages` are new (already deduplicated, oldest first);
        /// `missing` is the range the server could no longer replay.
        case caughtUp(messages: [ChatMessage], missing: ClosedRange<UInt64>?)
        /// The server could not replay everything since the mark
        /// (`recovered: false`): the mark now is the room's own. Within the
        /// same epoch `messages` are deduplicated and `missing` is known;
        /// across epochs every message is new and nothing can be compared
        /// (`comparable` false).
        case reset(messages: [ChatMessage], missing: ClosedRange<UInt64>?, comparable: Bool)
        /// v1: the room's seq went back from `previous` to `current`; the
        /// mark is dropped, and a join `since: 0` recovers what the room has now.
        case restarted(previous: UInt64, current: UInt64)
    }

    /// What a live message means.
    public enum MessageVerdict: Equatable, Sendable {
        case fresh
        /// Fresh, but the messages in `missing` never arrived.
        case afterGap(missing: ClosedRange<UInt64>)
        case duplicate
    }

    /// One room's epoch (nil from a v1 server) and last seq.
    private struct Mark {
        var epoch: String?
        var seq: UInt64
    }

    private var marks: [String: Mark] = [:]

    public init() {}

    /// The `since` for a join of `room`: nil for a room never seen.
    public func since(_ room: String) -> UInt64? { marks[room]?.seq }

    /// The epoch that `since` counts in, when the server said one.
    public func epoch(_ room: String) -> String? { marks[room]?.epoch }

    /// Reconciles a `joined` reply with what was seen before; the join
    /// asked for `since(room)` in `epoch(room)`.
    public mutating func joined(_ joined: ChatEvent.Joined) -> JoinOutcome {
        let known = marks[joined.room]
        let sameEpoch = known?.epoch == joined.epoch
        if joined.recovered == false || !sameEpoch && known != nil && joined.epoch != nil {
            let floor = sameEpoch ? known?.seq : nil
            let (messages, missing) = adopt(joined, after: floor)
            return .reset(messages: messages, missing: missing, comparable: floor != nil)
        }
        if let known, joined.recovered == nil, joined.seq < known.seq {
            marks[joined.room] = Mark(epoch: joined.epoch, seq: 0)
            return .restarted(previous: known.seq, current: joined.seq)
        }
        let (messages, missing) = adopt(joined, after: known?.seq)
        return .caughtUp(messages: messages, missing: missing)
    }

    /// Takes the reply's position as the mark; returns the history after
    /// `floor` (all of it without one), oldest first, and the seqs after
    /// `floor` that neither the history nor the reply's seq account for.
    private mutating func adopt(_ joined: ChatEvent.Joined, after floor: UInt64?) -> ([ChatMessage], ClosedRange<UInt64>?) {
        let fresh = joined.history.filter { $0.seq > (floor ?? 0) }.sorted { $0.seq < $1.seq }
        let newest = max(joined.seq, fresh.last?.seq ?? 0, floor ?? 0)
        marks[joined.room] = Mark(epoch: joined.epoch, seq: newest)
        guard let floor else { return (fresh, nil) }
        // The last seq not recovered: just before the first replayed one, or the newest.
        let lastMissing = fresh.first.map { $0.seq - 1 } ?? newest
        return (fresh, lastMissing > floor ? (floor + 1)...lastMissing : nil)
    }

    /// The room's history was lost and its numbering restarted at `seq` in `epoch`.
    public mutating func reset(_ room: String, epoch: String, seq: UInt64) {
        marks[room] = Mark(epoch: epoch, seq: seq)
    }

    /// Records a live `message`. One without a seq (0, which no server
    /// assigns) cannot be placed: it is shown and not counted.
    public mutating func received(_ message: ChatMessage) -> MessageVerdict {
        guard message.seq > 0 else { return .fresh }
        let known = marks[message.room]?.seq ?? 0
        guard message.seq > known else { return .duplicate }
        marks[message.room, default: Mark(epoch: nil, seq: 0)].seq = message.seq
        guard known > 0, message.seq - known > 1 else { return .fresh }
        return .afterGap(missing: (known + 1)...(message.seq - 1))
    }
}
