import ChatWire

/// One message on a room's channel or the broadcast channel, as the room
/// scripts and the nodes publish them: an ASCII header line of
/// space-separated fields, then (after `\n`) the body bytes, untouched.
///
/// - `M epoch seq` + message body: a numbered message
/// - `J epoch seq count announce` + member JSON: a join, and where the log stood
/// - `L count` + member JSON: a leave (count before it)
/// - `N count` + member JSON: a rename
/// - `K epoch seq`: where the log stands
/// - `B node ticket` + message body: a broadcast
/// - `D user` or `D id` + the user or the public id: close those sessions
enum ChannelMessage: Equatable, Sendable {
    case message(LogPosition, body: [UInt8])
    case presence(ChatEvent.PresenceChange, count: Int, position: LogPosition?, announce: Bool, member: [UInt8])
    case mark(LogPosition)
    case broadcast(node: String, ticket: UInt64, body: [UInt8])
    case disconnect(DisconnectTarget)

    /// Nil for anything malformed: a node ignores what it cannot read
    /// rather than trusting it.
    init?(_ bytes: [UInt8]) {
        let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
        let fields = bytes[..<newline].split(separator: UInt8(ascii: " ")).map { String(decoding: $0, as: UTF8.self) }
        let body = newline < bytes.count ? Array(bytes[(newline + 1)...]) : []
        guard let kind = fields.first else { return nil }
        switch (kind, fields.count) {
        case ("M", 3): self.init(message: fields, body: body)
        case ("J", 5): self.init(join: fields, member: body)
        case ("L", 2), ("N", 2): self.init(change: kind == "L" ? .leave : .nick, fields: fields, member: body)
        case ("K", 3):
            guard let position = ChannelMessage.position(fields[1], fields[2]) else { return nil }
            self = .mark(position)
        case ("B", 3):
            guard let ticket = UInt64(fields[2]) else { return nil }
            self = .broadcast(node: fields[1], ticket: ticket, body: body)
        case ("D", 2):
            let subject = String(decoding: body, as: UTF8.self)
            switch fields[1] {
            case "user": self = .disconnect(.user(subject))
            case "id": self = .disconnect(.id(subject))
            default: return nil
            }
        default: return nil
        }
    }

    private init?(message fields: [String], body: [UInt8]) {
        guard let position = ChannelMessage.position(fields[1], fields[2]), position.seq > 0 else { return nil }
        self = .message(position, body: body)
    }

    private init?(join fields: [String], member: [UInt8]) {
        guard let position = ChannelMessage.position(fields[1], fields[2]), let count = Int(fields[3]) else { return nil }
        self = .presence(.join, count: count, position: position, announce: fields[4] == "1", member: member)
    }

    private init?(change: ChatEvent.PresenceChange, fields: [String], member: [UInt8]) {
        guard let count = Int(fields[1]) else { return nil }
        self = .presence(change, count: count, position: nil, announce: true, member: member)
    }

    private static func position(_ epoch: String, _ seq: String) -> LogPosition? {
        guard let epoch = Epoch(epoch), let seq = UInt64(seq) else { return nil }
        return LogPosition(epoch: epoch, seq: seq)
    }

    /// The broadcast as this node publishes it.
    static func broadcastBytes(node: String, ticket: UInt64, body: [UInt8]) -> [UInt8] {
        Array("B \(node) \(ticket)\n".utf8) + body
    }

    static func disconnectBytes(_ target: DisconnectTarget) -> [UInt8] {
        switch target {
        case .user(let user): Array("D user\n\(user)".utf8)
        case .id(let id): Array("D id\n\(id)".utf8)
        }
    }

    /// What a room's subscribers make of it: the room event, with a
    /// message's payload built once here for all local members.
    func roomEvent(in room: RoomName) -> RoomEvent? {
        switch self {
        case .message(let position, let body):
            return .message(position, payload: ChatMessage.payload(room: room.value, seq: position.seq, body: body))
        case .presence(let change, let count, let position, let announce, let member):
            guard let json = try? JSONParser.parse(member), let parsed = ChatMember(json: json) else { return nil }
            return .presence(PresenceNotice(change: change, member: parsed, members: count, position: position, announce: announce))
        case .mark(let position):
            return .mark(position)
        case .broadcast, .disconnect:
            return nil
        }
    }
}
