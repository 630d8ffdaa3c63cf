/// One room: its members, the seq of its latest message (0 before the
/// first) and the recent message payloads for `joined.history`.
struct RoomState: Sendable {
    var members = MemberSet()
    var seq: UInt64 = 0
    var history: HistoryRing

    init(historySize: Int) {
        history = HistoryRing(capacity: historySize)
    }

    /// Numbers a new message: seq starts at 1 and grows by one.
    mutating func nextSeq() -> UInt64 {
        seq += 1
        return seq
    }
}
