/// HTTP API calls, each from a connection of its own that waits for its
/// one response (`ChatSessionModel+API` checks it).
extension ChatStateFuzzer {
    mutating func callAPI() {
        serial += 1
        let connection = ClientID(serial: 1 << 40 + serial, loop: 0, slot: 0)
        let (request, expectation) = apiRequest(input.byte())
        model.apiWaiting[connection] = expectation
        run(.api(connection, request))
    }

    private mutating func apiRequest(_ kind: UInt8) -> (APIRequest, APIExpectation) {
        let room = RoomName(roomName(input.byte())) ?? RoomName("r0")!
        switch kind % 6 {
        case 0:
            let text = input.text(length: Int(input.byte()) * 5)
            return (.publish(room: room, text: text, name: apiName()), .publish(room: room.value))
        case 1:
            return (.broadcast(text: input.text(length: Int(input.byte()) * 5), name: apiName()), .broadcast)
        case 2:
            return (.rooms, .rooms)
        case 3:
            let limit = input.below(9)
            return (.history(room: room, since: UInt64(input.byte()), limit: limit == 0 ? nil : limit), .history(room: room.value))
        case 4:
            return (.members(room: room), .members(room: room.value))
        default:
            return (.disconnect(disconnectTarget(input.byte())), .disconnect)
        }
    }

    private mutating func apiName() -> Nickname {
        Nickname(nickname(input.byte())) ?? APIRequest.defaultName
    }

    /// A user's sessions, or one session by its public id.
    private func disconnectTarget(_ choice: UInt8) -> DisconnectTarget {
        if choice & 1 == 0 { return .user(ChatStateFuzzer.users[Int(choice >> 1) % ChatStateFuzzer.users.count]) }
        let slot = Int(choice >> 1) % ChatStateFuzzer.slotCount
        return .id(slots[slot]?.publicID ?? "c0")
    }
}
