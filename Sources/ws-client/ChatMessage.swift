/// A room message as the server numbered it (`message` events and the
/// entries of `joined.history`).
struct ChatMessage: Equatable {
    var room: String
    var seq: UInt64
    var id: String
    var name: String
    var text: String
    /// Milliseconds since the Unix epoch.
    var ts: Int64

    init(room: String, seq: UInt64, id: String, name: String, text: String, ts: Int64) {
        self.room = room
        self.seq = seq
        self.id = id
        self.name = name
        self.text = text
        self.ts = ts
    }

    init?(json: JSONValue) {
        guard let room = json["room"]?.string, let seq = json["seq"]?.uint64, let text = json["text"]?.string else {
            return nil
        }
        self.init(
            room: room, seq: seq, id: json["id"]?.scalarText ?? "?", name: json["name"]?.string ?? "?",
            text: text, ts: json["ts"]?.int64 ?? 0)
    }
}
