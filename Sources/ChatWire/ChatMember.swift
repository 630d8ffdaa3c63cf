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

    /// `"id":…,"name":…[,"user":…]` inside an open object.
    public func writeFields(into writer: inout JSONWriter) {
        writer.field("id", id)
        writer.field("name", name)
        writer.field("user", optional: user)
    }

    init?(json: JSONValue) {
        guard let name = json["name"]?.stringValue else { return nil }
        self.init(id: json["id"]?.scalarText ?? "?", name: name, user: json["user"]?.stringValue)
    }
}
