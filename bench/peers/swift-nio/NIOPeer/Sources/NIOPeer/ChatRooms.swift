import NIOConcurrencyHelpers
import NIOCore

/// Room name -> member channels, shared by every event loop behind a lock.
/// Readers take a copy of one room's members and write outside the lock.
final class ChatRooms: Sendable {
    private let rooms = NIOLockedValueBox<[String: [ObjectIdentifier: Channel]]>([:])
    private let lastID = NIOLockedValueBox(0)

    func nextID() -> String {
        "c\(lastID.withLockedValue { $0 += 1; return $0 })"
    }

    /// Adds the channel; returns the room's member count.
    func join(_ room: String, _ channel: Channel) -> Int {
        rooms.withLockedValue { rooms in
            rooms[room, default: [:]][ObjectIdentifier(channel)] = channel
            return rooms[room]?.count ?? 0
        }
    }

    func leave(_ joined: Set<String>, _ channel: Channel) {
        rooms.withLockedValue { rooms in
            for room in joined {
                rooms[room]?[ObjectIdentifier(channel)] = nil
                if rooms[room]?.isEmpty == true { rooms[room] = nil }
            }
        }
    }

    func members(of room: String) -> [Channel] {
        rooms.withLockedValue { rooms in rooms[room].map { Array($0.values) } ?? [] }
    }
}
