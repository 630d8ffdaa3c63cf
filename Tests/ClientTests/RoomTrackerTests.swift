import ChatClient
import ChatWire
import Testing

/// Last seq per room: dedupe, gaps, and what a rejoin recovered.
@Suite("RoomTracker")
struct RoomTrackerTests {
    @Test func firstJoinTakesTheHistoryAsIs() {
        var tracker = RoomTracker()
        #expect(tracker.since("r") == nil)
        #expect(tracker.joined("r", seq: 5, history: [message(4), message(5)]) == .caughtUp(messages: [message(4), message(5)], missing: nil))
        #expect(tracker.since("r") == 5)
    }

    @Test func liveMessagesAreDedupedAndGapsReported() {
        var tracker = RoomTracker()
        _ = tracker.joined("r", seq: 2, history: [])
        #expect(tracker.received(message(3)) == .fresh)
        #expect(tracker.received(message(3)) == .duplicate)
        #expect(tracker.received(message(1)) == .duplicate)
        #expect(tracker.received(message(6)) == .afterGap(missing: 4...5))
        #expect(tracker.since("r") == 6)
    }

    @Test func rejoinRecoversWhatWasMissed() {
        var tracker = RoomTracker()
        _ = tracker.joined("r", seq: 3, history: [])
        #expect(tracker.joined("r", seq: 5, history: [message(4), message(5)]) == .caughtUp(messages: [message(4), message(5)], missing: nil))
    }

    @Test func rejoinWithNothingNew() {
        var tracker = RoomTracker()
        _ = tracker.joined("r", seq: 3, history: [])
        #expect(tracker.joined("r", seq: 3, history: []) == .caughtUp(messages: [], missing: nil))
    }

    @Test func rejoinDropsOverlapAndReportsWhatTheBufferNoLongerHeld() {
        var tracker = RoomTracker()
        _ = tracker.joined("r", seq: 3, history: [])
        let outcome = tracker.joined("r", seq: 9, history: [message(3), message(8), message(9)])
        #expect(outcome == .caughtUp(messages: [message(8), message(9)], missing: 4...7))
    }

    @Test func rejoinWithoutHistoryReportsEverythingMissed() {
        var tracker = RoomTracker()
        _ = tracker.joined("r", seq: 3, history: [])
        #expect(tracker.joined("r", seq: 6, history: []) == .caughtUp(messages: [], missing: 4...6))
    }

    @Test func aSeqGoingBackMeansTheRoomStartedOver() {
        var tracker = RoomTracker()
        _ = tracker.joined("r", seq: 7, history: [])
        #expect(tracker.joined("r", seq: 2, history: []) == .restarted(previous: 7, current: 2))
        #expect(tracker.since("r") == 0)
        #expect(tracker.joined("r", seq: 2, history: [message(1), message(2)]) == .caughtUp(messages: [message(1), message(2)], missing: nil))
        #expect(tracker.received(message(3)) == .fresh)
    }

    @Test func roomsAreTrackedApart() {
        var tracker = RoomTracker()
        _ = tracker.joined("a", seq: 4, history: [])
        #expect(tracker.received(message(1, room: "b")) == .fresh)
        #expect(tracker.since("a") == 4)
        #expect(tracker.since("b") == 1)
    }

    @Test func theMarkCarriesTheEpoch() {
        var tracker = RoomTracker()
        _ = tracker.joined("r", seq: 3, history: [], epoch: "E1")
        #expect(tracker.since("r") == 3 && tracker.epoch("r") == "E1")
        #expect(tracker.joined("r", seq: 5, history: [message(4), message(5)], epoch: "E1", recovered: true)
            == .caughtUp(messages: [message(4), message(5)], missing: nil))
        #expect(tracker.since("r") == 5)
    }

    @Test func anUnrecoveredJoinResetsTheMark() {
        var tracker = RoomTracker()
        _ = tracker.joined("r", seq: 3, history: [], epoch: "E1")
        #expect(tracker.joined("r", seq: 9, history: [message(3), message(8), message(9)], epoch: "E1", recovered: false)
            == .reset(messages: [message(8), message(9)], missing: 4...7, comparable: true))
        #expect(tracker.joined("r", seq: 2, history: [message(1), message(2)], epoch: "E2", recovered: false)
            == .reset(messages: [message(1), message(2)], missing: nil, comparable: false))
        #expect(tracker.since("r") == 2 && tracker.epoch("r") == "E2")
    }

    @Test func aResetEventTakesTheNewNumbering() {
        var tracker = RoomTracker()
        _ = tracker.joined("r", seq: 30, history: [], epoch: "E1")
        tracker.reset("r", epoch: "E2", seq: 0)
        #expect(tracker.received(message(1)) == .fresh)
        #expect(tracker.since("r") == 1 && tracker.epoch("r") == "E2")
    }

    @Test func noSeqAHostileServerSendsCanOverflow() {
        var tracker = RoomTracker()
        _ = tracker.joined("r", seq: 1, history: [])
        #expect(tracker.received(message(.max)) == .afterGap(missing: 2...(UInt64.max - 1)))
        #expect(tracker.received(message(.max)) == .duplicate)
        #expect(tracker.joined("r", seq: .max, history: []) == .caughtUp(messages: [], missing: nil))
        #expect(tracker.joined("r", seq: .max, history: [message(.max)], epoch: "E", recovered: false)
            == .reset(messages: [message(.max)], missing: nil, comparable: false))
        #expect(tracker.joined("r", seq: .max, history: [], epoch: "E", recovered: false)
            == .reset(messages: [], missing: nil, comparable: true))
        var fresh = RoomTracker()
        _ = fresh.joined("r", seq: .max - 1, history: [])
        #expect(fresh.joined("r", seq: .max, history: []) == .caughtUp(messages: [], missing: .max ... .max))
        #expect(fresh.received(message(0)) == .fresh)
    }

    private func message(_ seq: UInt64, room: String = "r") -> ChatMessage {
        ChatMessage(room: room, seq: seq, id: "c1", name: "ann", text: "m\(seq)", ts: 0)
    }
}

extension RoomTracker {
    /// A `joined` reply for `room` with the fields these tests vary.
    fileprivate mutating func joined(
        _ room: String, seq: UInt64, history: [ChatMessage], epoch: String? = nil, recovered: Bool? = nil
    ) -> JoinOutcome {
        joined(ChatEvent.Joined(room: room, members: 1, seq: seq, epoch: epoch, history: history, recovered: recovered))
    }
}
