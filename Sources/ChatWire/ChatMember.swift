/// A room member as `who` and `presence` show it: the connection's public
/// id, its display name, and for an authenticated connection its user id
/// (the token's `sub`), which nobody else can claim.
public struct ChatMember: Equatable, Hashable, Sendable {
    public var id: String
    public var name: String
    public var user: String?

    public init(id: String, name: String, user: String? = nil) {
        self.id = id
        self.name = name
        self.user = user
    }

    /// The member as one JSON object (how the Redis backplane stores it).
    public var json: [UInt8] {
        var writer = JSONWriter(capacity: 64)
        writer.beginObject()
        writeFields(into: &writer)
        writer.endObject()
        return writer.bytes
    }

    /// `"id":…,"name":…[,"user":…]` inside an open object.
    public func writeFields(into writer: inout JSONWriter) {
        writer.field("id", id)
        writer.field("name", name)
        writer.field("user", optional: user)
    }

    public init?(json: JSONValue) {
        guard let name = json["name"]?.stringValue else { return nil }
        self.init(id: json["id"]?.scalarText ?? "?", name: name, user: json["user"]?.stringValue)
    }
}
