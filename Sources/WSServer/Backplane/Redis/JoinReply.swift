import ChatWire
import RESP

/// The join script's reply: `{epoch, seq, members, added, recovered,
/// seq1, body1, seq2, body2, ...}` (see `RoomScripts.join`).
struct JoinReply {
    let info: JoinInfo
    /// The member was not registered before (it counts in the `rooms` zset).
    let added: Bool

    /// Nil for a reply of another shape: the join then fails rather than
    /// trusting it.
    init?(_ reply: RESPValue, room: RoomName) {
        guard let fields = reply.elements, fields.count >= 5, fields.count % 2 == 1,
              let epoch = fields[0].text.flatMap(Epoch.init), let seq = fields[1].number, seq >= 0,
              let members = fields[2].number, let added = fields[3].number
        else { return nil }
        var history: [LoggedMessage] = []
        for index in stride(from: 5, to: fields.count, by: 2) {
            guard let entrySeq = fields[index].number, entrySeq > 0, let body = fields[index + 1].bytes else { return nil }
            let payload = ChatMessage.payload(room: room.value, seq: UInt64(entrySeq), body: body)
            history.append(LoggedMessage(seq: UInt64(entrySeq), payload: payload))
        }
        let recovered: Bool? = switch fields[4].text { case "1": true; case "0": false; default: nil }
        info = JoinInfo(
            position: LogPosition(epoch: epoch, seq: UInt64(seq)), members: Int(members), history: history,
            recovered: recovered)
        self.added = added == 1
    }
}
