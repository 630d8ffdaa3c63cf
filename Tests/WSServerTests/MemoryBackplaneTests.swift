import ChatWire
import Testing
@testable import WSServer

/// The single node's room space: history bounded per room and in total,
/// empty rooms forgotten longest idle first.
@Suite("MemoryBackplane")
struct MemoryBackplaneTests {
    private let alice = ChatMember(id: "c1", name: "alice")

    private func backplane(_ configure: (inout ChatConfig) -> Void) -> MemoryBackplane {
        var config = ChatConfig()
        configure(&config)
        return MemoryBackplane(config: config)
    }

    private func publish(_ text: String, to room: String, in backplane: inout MemoryBackplane, at seconds: Double) {
        let body = ChatMessage.body(id: "c1", name: "alice", text: text, ts: 0, user: nil)
        _ = backplane.execute(.publish(RoomName(room)!, body: body, ticket: 1), now: at(seconds))
    }

    /// Was: history had no global cap (connections × 32 rooms × 100 × size).
    @Test func totalHistoryStaysWithinItsBudgetForgettingTheLongestIdleRoomFirst() {
        var backplane = backplane { $0.historyMemory = 30_000 }
        let text = String(repeating: "x", count: 4000)
        for (index, room) in ["old", "middle", "new"].enumerated() {
            for step in 0..<3 { publish(text, to: room, in: &backplane, at: Double(index * 10 + step)) }
        }
        #expect(backplane.footprint <= 30_000)
        #expect(Set(backplane.rooms.keys.map(\.value)) == ["middle", "new"])
    }

    @Test func roomsWithMembersLoseOldMessagesRatherThanTheirState() {
        var backplane = backplane { $0.historyMemory = 20_000 }
        let room = RoomName("busy")!
        _ = backplane.execute(.join(JoinRequest(room: room, member: alice, since: nil, epoch: nil, announce: true)), now: at(0))
        let epoch = backplane.rooms[room]?.epoch
        for step in 0..<10 { publish(String(repeating: "y", count: 4000), to: "busy", in: &backplane, at: Double(step)) }
        #expect(backplane.footprint <= 20_000)
        #expect(backplane.rooms[room]?.epoch == epoch)
        #expect(backplane.rooms[room]?.seq == 10)
        #expect((backplane.rooms[room]?.history.count ?? 0) < 10)
    }

    @Test func aRoomsHistoryIsBoundedInBytes() {
        var backplane = backplane { $0.maxReplyBytes = 16_384 }
        for step in 0..<20 { publish(String(repeating: "z", count: 1000), to: "r", in: &backplane, at: Double(step)) }
        let history = backplane.rooms[RoomName("r")!]?.history
        #expect((history?.bytes ?? .max) <= 16_384)
        #expect(history?.all.last?.seq == 20)
    }
}
