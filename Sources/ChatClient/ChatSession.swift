import ChatWire

/// The chat client's state in interactive mode, without I/O: server events
/// and typed commands go in; notices to show, requests to send and the
/// decision to quit come out, in order.
///
/// It keeps the joined rooms and the current one (the room in the prompt,
/// chosen here and named in every message, never left to the server's
/// notion of it), and the `RoomTracker` that lets a reconnect resume each
/// room where it stopped.
public struct ChatSession {
    /// One thing to do, in the order given.
    public enum Output: Equatable, Sendable {
        case show(Notice)
        case send(ChatRequest)
        /// Send this after `after` seconds, if still connected then (a join
        /// the server could not do yet).
        case sendLater(ChatRequest, after: Double)
        /// A line as it was typed, to a server that is not a chat server.
        case sendRaw(String)
        /// Offline: the typed line goes back into the editor, unsent, so it
        /// can be sent with Enter once reconnected rather than typed again.
        case keepLine
        case quit
    }

    /// Why a join was sent, which decides how its `joined` reads.
    enum JoinReason {
        /// The user asked (or `--room`): announce it and talk there.
        case requested
        /// Rejoining after a reconnect: report what was recovered, stay put.
        case resumed
    }

    public let url: String
    public internal(set) var rooms: [RoomName] = []
    public internal(set) var current: RoomName?
    /// The socket is open (the server may not have said anything yet).
    public internal(set) var isConnected = false
    /// The name the server confirmed last (welcome or nick), used again on reconnect.
    public internal(set) var name: String?
    var myID: String?
    /// The authenticated user id from `welcome`, if any.
    public internal(set) var user: String?
    let startupRooms: [String]
    /// A `welcome` came, once: this is a chat server. Until then lines go
    /// out as they are typed, so any WebSocket server can be talked to.
    var hasConnected = false
    var wasOpened = false
    var pendingJoins: [RoomName: JoinReason] = [:]
    /// The backoff of each join the server answered `unavailable`.
    var joinRetries: [RoomName: ReconnectPolicy] = [:]
    /// What a room's first retry starts from.
    let retryPolicy: ReconnectPolicy
    var tracker = RoomTracker()
    /// Last known name per client id, to say who renamed to what.
    var names: [String: String] = [:]

    /// `retryPolicy` paces retried joins (injectable so tests pin the jitter).
    public init(url: String, rooms: [String], retryPolicy: ReconnectPolicy = ReconnectPolicy()) {
        self.url = url
        startupRooms = rooms
        self.retryPolicy = retryPolicy
    }

    public var prompt: String {
        current.map { "#\($0.value)> " } ?? "> "
    }

    // MARK: Connection

    public mutating func connectionOpened() -> [Output] {
        isConnected = true
        defer { wasOpened = true }
        return [.show(.connected(url: url, again: wasOpened))]
    }

    /// The connection is gone; whether to reconnect is the caller's decision.
    public mutating func connectionEnded(_ why: Disconnection) -> [Output] {
        isConnected = false
        myID = nil
        joinRetries = [:]
        return [.show(.disconnected(why))]
    }

    // MARK: Commands

    public mutating func perform(_ command: Command) -> [Output] {
        switch command {
        case .say(let text): say(text)
        case .join(let room): requestJoin(room)
        case .leave(let room): joinedRoom(room).map { request(.leave(room: $0)) } ?? [notJoined(room)]
        case .switchTo(let room): switchTo(room)
        case .nick(let name): Nickname(name).map { request(.nick(name: $0)) } ?? [Self.refused(.badName, ChatError.badNameMessage)]
        case .rooms: request(.rooms)
        case .who(let room): who(room)
        case .broadcast(let text): request(.broadcast(text: text))
        case .quit: [.quit]
        case .help: [.show(.help)]
        case .invalid(let why): [.show(.hint(why))]
        }
    }

    private func say(_ text: String) -> [Output] {
        guard !text.isEmpty else { return [] }
        guard hasConnected else { return isConnected ? [.sendRaw(text), .show(.sentRaw(text))] : notSent }
        guard let current else { return [.show(.hint("you are in no room: /join ROOM first"))] }
        return request(.message(text: text, room: current))
    }

    private mutating func requestJoin(_ room: String) -> [Output] {
        guard isConnected else { return notSent }
        guard let name = RoomName(room) else { return [Self.badRoom] }
        return [join(name, .requested)]
    }

    private mutating func switchTo(_ room: String) -> [Output] {
        guard let joined = joinedRoom(room) else { return [notJoined(room)] }
        current = joined
        return [.show(.switchedRoom(joined.value))]
    }

    private func who(_ room: String?) -> [Output] {
        guard let room else {
            guard let current else { return [.show(.hint("you are in no room: /who ROOM"))] }
            return request(.who(room: current))
        }
        return RoomName(room).map { request(.who(room: $0)) } ?? [Self.badRoom]
    }

    private func joinedRoom(_ room: String) -> RoomName? {
        rooms.first { $0.value == room }
    }

    private func notJoined(_ room: String) -> Output {
        let shown = SafeText.neutralised(room)
        return .show(.hint("you are not in #\(shown); /join \(shown)"))
    }

    /// What the server would answer, said before sending anything.
    static func refused(_ code: ChatError.Code, _ message: String) -> Output {
        .show(.refused(ChatError(code, message)))
    }

    static let badRoom = refused(.badRoom, ChatError.badRoomMessage)

    /// Sends `request` when connected; otherwise says that nothing was sent.
    func request(_ kind: ChatRequest.Kind) -> [Output] {
        isConnected ? [.send(ChatRequest(kind))] : notSent
    }

    private var notSent: [Output] {
        [.show(.hint("not connected: nothing sent, the line is kept for when we are back")), .keepLine]
    }
}
