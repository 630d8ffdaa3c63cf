import ChatWire

/// Where one room lives in Redis. Every key of a room shares the hash tag
/// `{room}`, so a Redis Cluster would keep them on one shard and the room's
/// scripts, which touch only these keys, could run there.
struct RoomKeys: Sendable {
    let room: RoomName

    private var base: String { "chat:{\(room.value)}" }

    /// The epoch of the room's numbering (a string).
    var epoch: String { base + ":epoch" }
    /// The seq of the room's latest message (an integer).
    var seq: String { base + ":seq" }
    /// The history: a stream capped at the history size, entry ids `<seq>-0`.
    var log: String { base + ":log" }
    /// Members on every node: a hash of public id to member JSON.
    var members: String { base + ":members" }
    /// The members one node has in the room (a set of public ids), so the
    /// others can announce them gone if that node dies.
    func nodeMembers(_ node: String) -> String { base + ":node:" + node }
    /// The room's pub/sub channel.
    var channel: String { base }

    /// The keys the room scripts take, in the order they expect them.
    func scriptKeys(node: String) -> [String] { [epoch, seq, log, members, nodeMembers(node)] }
}

/// The keys that are not one room's.
enum GlobalKeys {
    /// Rooms with members, scored by member count (the `rooms` listing).
    static let rooms = "chat:rooms"
    /// Nodes by the Redis time of their last heartbeat (milliseconds).
    static let nodes = "chat:nodes"
    /// The rooms a node has members in.
    static func nodeRooms(_ node: String) -> String { "chat:node:\(node):rooms" }
    /// Every node subscribes: broadcasts.
    static let broadcastChannel = "chat:broadcast"
    /// Every node subscribes: requests to disconnect users (HTTP API).
    static let controlChannel = "chat:control"
}

extension RoomKeys {
    /// The room whose channel this is (`chat:{room}`), if any.
    static func room(ofChannel channel: String) -> RoomName? {
        guard channel.hasPrefix("chat:{"), channel.hasSuffix("}") else { return nil }
        return RoomName(String(channel.dropFirst(6).dropLast()))
    }
}
