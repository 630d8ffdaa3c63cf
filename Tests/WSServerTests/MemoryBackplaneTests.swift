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

    /// Was (found by fuzz/run.sh chat-state): the budget was enforced only
    /// when a message was stored, so rooms that emptied while their members'
    /// rooms alone exceeded it stayed over it until the next message.
    @Test func roomsThatEmptyOverTheBudgetAreForgotten() {
        var backplane = backplane { $0.historyMemory = 4 * MemoryRoom.overheadBytes }
        let rooms = (0..<6).map { RoomName("r\($0)")! }
        for room in rooms {
            _ = backplane.execute(.join(JoinRequest(room: room, member: alice, since: nil, epoch: nil, announce: true)), now: at(0))
            publish("hello", to: room.value, in: &backplane, at: 0)
        }
        #expect(backplane.footprint == 6 * MemoryRoom.overheadBytes)
        for room in rooms { _ = backplane.execute(.leave(room, member: alice), now: at(1)) }
        #expect(backplane.occupiedRooms == 0)
        #expect(backplane.footprint <= 4 * MemoryRoom.overheadBytes)
        #expect(backplane.rooms.count == 4)
    }

    /// A new room's overhead counts at once: joining it forgets the longest idle room.
    @Test func joiningANewRoomOverTheBudgetForgetsAnIdleOne() {
        var backplane = backplane { $0.historyMemory = 3 * MemoryRoom.overheadBytes }
        publish("kept a while", to: "old", in: &backplane, at: 0)
        publish("kept a while", to: "newer", in: &backplane, at: 1)
        _ = backplane.execute(.join(JoinRequest(room: RoomName("fresh")!, member: alice, since: nil, epoch: nil, announce: true)), now: at(2))
        #expect(backplane.footprint <= 3 * MemoryRoom.overheadBytes)
        #expect(Set(backplane.rooms.keys.map(\.value)) == ["newer", "fresh"])
    }

    @Test func aRoomsHistoryIsBoundedInBytes() {
        var backplane = backplane { $0.maxReplyBytes = 16_384 }
        for step in 0..<20 { publish(String(repeating: "z", count: 1000), to: "r", in: &backplane, at: Double(step)) }
        let history = backplane.rooms[RoomName("r")!]?.history
        #expect((history?.bytes ?? .max) <= 16_384)
        #expect(history?.all.last?.seq == 20)
    }
}
