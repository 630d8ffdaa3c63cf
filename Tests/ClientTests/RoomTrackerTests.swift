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

    private func message(_ seq: UInt64, room: String = "r") -> ChatMessage {
        ChatMessage(room: room, seq: seq, id: "c1", name: "ann", text: "m\(seq)", ts: 0)
    }
}
