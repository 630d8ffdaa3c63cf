/// What a client sends on `/`: only the fields the subset uses.
struct ChatRequest: Decodable {
    let type: String
    let room: String?
    let text: String?
}

/// A room message as every member receives it.
struct ChatDelivery: Encodable {
    var type = "message"
    let room: String
    let from: String
    let text: String
    let ts: Int64
}

/// `welcome`, `joined` and `error` replies.
struct ChatReply: Encodable {
    let type: String
    var id: String?
    var room: String?
    var members: Int?
    var error: String?
}
