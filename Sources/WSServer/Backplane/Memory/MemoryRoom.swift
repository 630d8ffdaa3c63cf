import ChatWire

/// One room's shared state on a single node: the epoch and seq of its
/// numbering, its history, its members, and when it was last active (a
/// message, or its last member leaving), which decides when an empty room
/// is forgotten.
struct MemoryRoom: Sendable {
    /// What a room costs besides its messages, counted against the history
    /// memory budget so that empty rooms cannot pile up for free.
    static let overheadBytes = 256

    let epoch: Epoch
    var seq: UInt64 = 0
    var history: HistoryLog
    var members = MemberDirectory()
    var lastActive: UInt64
    /// Bumped whenever `lastActive` changes, to recognise stale idle entries.
    var generation: UInt64 = 0

    init(epoch: Epoch, history: HistoryLog, now: UInt64) {
        self.epoch = epoch
        self.history = history
        lastActive = now
    }

    var position: LogPosition { LogPosition(epoch: epoch, seq: seq) }
    var footprint: Int { MemoryRoom.overheadBytes + history.bytes }

    mutating func touch(now: UInt64) {
        lastActive = max(lastActive, now)
        generation += 1
    }

    /// The join answer for `since`/`epoch` (see `JoinInfo.canRecover`).
    func joinInfo(since: UInt64?, epoch requested: Epoch?) -> JoinInfo {
        guard let since else {
            return JoinInfo(position: position, members: members.count, history: history.all, recovered: nil)
        }
        if JoinInfo.canRecover(since: since, epoch: requested, position: position, oldestSeq: history.oldestSeq) {
            return JoinInfo(position: position, members: members.count, history: history.after(since), recovered: true)
        }
        return JoinInfo(position: position, members: members.count, history: history.all, recovered: false)
    }
}
