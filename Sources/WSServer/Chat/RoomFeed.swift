import ChatWire

/// One node's ordered view of a room's log: it passes the room's events on
/// in order, drops duplicates, notices a change of epoch (the room's state
/// was lost: members must see `reset` first) and a gap in the numbering (a
/// message or a join marker beyond the next seq: the node missed something
/// while it was not subscribed), in which case it holds everything back
/// until the missing messages are fetched from the log.
///
/// With the memory backplane the feed only ever sees consecutive events;
/// with Redis, gaps follow a reconnect of the subscriber connection.
struct RoomFeed: Sendable {
    /// One event the feed lets through, in order.
    enum Item: Sendable, Equatable {
        case event(RoomEvent)
        /// The room's numbering restarted at this position.
        case reset(LogPosition)
    }

    /// What the caller must do after feeding an event in.
    struct Step: Equatable {
        var items: [Item] = []
        /// Fetch the messages after this position through this seq.
        var fetch: (after: LogPosition, through: UInt64)?

        static func == (lhs: Step, rhs: Step) -> Bool {
            lhs.items == rhs.items && lhs.fetch?.after == rhs.fetch?.after && lhs.fetch?.through == rhs.fetch?.through
        }
    }

    /// Events held back while a gap is fetched: beyond this many, the gap is
    /// given up (those messages are reported lost by the clients' own seq
    /// checks) rather than holding a busy room's traffic without bound.
    static let maxWaiting = 4096

    /// The last position delivered; nil before the first event.
    private(set) var position: LogPosition?
    /// The seq a fetch in flight will fill through, if one is.
    private(set) var gapThrough: UInt64?
    private var waiting: [RoomEvent] = []

    /// Feeds one event from the room's channel.
    mutating func accept(_ event: RoomEvent) -> Step {
        if gapThrough != nil {
            waiting.append(event)
            return waiting.count > RoomFeed.maxWaiting ? giveUpGap() : Step()
        }
        return pass(event)
    }

    /// The fetched messages of the gap in flight (those of another epoch or
    /// already delivered are dropped); what the log no longer had is lost.
    mutating func fill(epoch: Epoch, _ messages: [LoggedMessage]) -> Step {
        guard let through = gapThrough, var current = position, current.epoch == epoch else { return Step() }
        var step = Step()
        for message in messages where message.seq > current.seq && message.seq <= through {
            current.seq = message.seq
            step.items.append(.event(.message(current, payload: message.payload)))
        }
        current.seq = max(current.seq, through)
        position = current
        gapThrough = nil
        return step.appending(releaseWaiting())
    }

    private mutating func pass(_ event: RoomEvent) -> Step {
        guard let next = event.position else { return Step(items: [.event(event)]) }
        guard let current = position else {
            position = next
            return Step(items: [.event(event)])
        }
        if next.epoch != current.epoch {
            position = next
            let restart = LogPosition(epoch: next.epoch, seq: event.isMessage ? next.seq - 1 : next.seq)
            return Step(items: [.reset(restart), .event(event)])
        }
        return passInEpoch(event, at: next.seq, after: current)
    }

    /// A message must be the next seq; a marker may not be ahead of us.
    private mutating func passInEpoch(_ event: RoomEvent, at seq: UInt64, after current: LogPosition) -> Step {
        let missingThrough = event.isMessage ? seq - 1 : seq
        if event.isMessage, seq <= current.seq { return Step() }
        guard missingThrough > current.seq else {
            if event.isMessage { position?.seq = seq }
            return Step(items: [.event(event)])
        }
        gapThrough = missingThrough
        waiting = [event]
        return Step(fetch: (after: current, through: missingThrough))
    }

    private mutating func giveUpGap() -> Step {
        if let through = gapThrough, let seq = position?.seq { position?.seq = max(seq, through) }
        gapThrough = nil
        return releaseWaiting()
    }

    private mutating func releaseWaiting() -> Step {
        let held = waiting
        waiting = []
        var step = Step()
        for (index, event) in held.enumerated() {
            step = step.appending(pass(event))
            if gapThrough != nil {
                waiting.append(contentsOf: held[(index + 1)...])
                break
            }
        }
        return step
    }
}

extension RoomFeed.Step {
    func appending(_ other: RoomFeed.Step) -> RoomFeed.Step {
        RoomFeed.Step(items: items + other.items, fetch: other.fetch ?? fetch)
    }
}

extension RoomEvent {
    var isMessage: Bool {
        if case .message = self { return true }
        return false
    }
}
