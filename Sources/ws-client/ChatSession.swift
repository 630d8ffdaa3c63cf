/// The chat client's state in interactive mode, without I/O: server events
/// and typed commands go in; notices to show, requests to send and the
/// decision to quit come out, in order.
///
/// It keeps the joined rooms and the current one (the room in the prompt,
/// chosen here and named in every message, never left to the server's
/// notion of it), and the `RoomTracker` that lets a reconnect resume each
/// room where it stopped.
struct ChatSession {
    /// One thing to do, in the order given.
    enum Output: Equatable {
        case show(Notice)
        case send(ClientRequest)
        /// Offline: the typed line goes back into the editor, unsent, so it
        /// can be sent with Enter once reconnected rather than typed again.
        case keepLine
        case quit
    }

    /// Why a join was sent, which decides how its `joined` reads.
    private enum JoinReason {
        /// The user asked (or `--room`): announce it and talk there.
        case requested
        /// Rejoining after a reconnect: report what was recovered, stay put.
        case resumed
    }

    let url: String
    private(set) var rooms: [String] = []
    private(set) var current: String?
    /// The socket is open (the server may not have said anything yet).
    private(set) var isConnected = false
    /// The name the server confirmed last (welcome or nick), used again on reconnect.
    private(set) var name: String?
    private var myID: String?
    private var startupRooms: [String]
    /// A `welcome` came, once: this is a chat server. Until then lines go
    /// out as they are typed, so any WebSocket server can be talked to.
    private var hasConnected = false
    private var wasOpened = false
    private var pendingJoins: [String: JoinReason] = [:]
    private var tracker = RoomTracker()
    /// Last known name per client id, to say who renamed to what.
    private var names: [String: String] = [:]

    init(url: String, rooms: [String]) {
        self.url = url
        startupRooms = rooms
    }

    var prompt: String {
        current.map { "#" + SafeText.neutralised($0) + "> " } ?? "> "
    }

    // MARK: Connection

    mutating func connectionOpened() -> [Output] {
        isConnected = true
        defer { wasOpened = true }
        return [.show(.connected(url: url, again: wasOpened))]
    }

    /// The connection is gone; whether to reconnect is the caller's decision.
    mutating func connectionEnded(_ why: Disconnection) -> [Output] {
        isConnected = false
        myID = nil
        return [.show(.disconnected(why))]
    }

    // MARK: Server events

    mutating func receive(_ event: ServerEvent) -> [Output] {
        switch event {
        case .welcome(let id, let name): welcome(id: id, name: name)
        case .joined(let room, let members, let seq, let history): joined(room, members: members, seq: seq, history: history)
        case .left(let room): left(room)
        case .presence(let room, let change, let id, let name): presence(room: room, change: change, id: id, name: name)
        case .message(let message): received(message)
        case .broadcast(let id, let name, let text, let ts): [.show(.broadcast(name: name, text: text, ts: ts, own: id == myID))]
        case .rooms(let list): [.show(.roomList(list))]
        case .who(let room, let members): [.show(.members(room: room, names: members.map(label)))]
        case .nick(let name): renamed(name)
        case .ack: []
        case .error(let code, let message, let ref): failed(code: code, message: message, ref: ref)
        case .unrecognised(let text): [.show(.unrecognised(text))]
        }
    }

    private mutating func welcome(id: String, name: String) -> [Output] {
        myID = id
        self.name = name
        names[id] = name
        let greeting: [Output] = hasConnected ? [] : [.show(.welcomed(name: name))]
        let requested = hasConnected ? pendingJoins.filter { $0.value == .requested }.map(\.key).sorted() : startupRooms
        hasConnected = true
        pendingJoins = [:]
        return greeting + rooms.map { join($0, .resumed) } + requested.map { join($0, .requested) }
    }

    private mutating func join(_ room: String, _ reason: JoinReason) -> Output {
        pendingJoins[room] = reason
        return .send(.join(room: room, since: tracker.since(room)))
    }

    private mutating func joined(_ room: String, members: Int, seq: UInt64, history: [ChatMessage]) -> [Output] {
        let reason = pendingJoins.removeValue(forKey: room) ?? .requested
        switch tracker.joined(room, seq: seq, history: history) {
        case .restarted(let previous, let current) where current > 0:
            // The replay after our old seq came back empty; ask again from the start.
            return [.show(.roomRestarted(room: room, previous: previous, current: current)), join(room, reason)]
        case .restarted(let previous, let current):
            return [.show(.roomRestarted(room: room, previous: previous, current: current))]
                + completeJoin(room, reason, members: members, messages: [], missing: nil, comparable: false)
        case .caughtUp(let messages, let missing):
            return completeJoin(room, reason, members: members, messages: messages, missing: missing)
        }
    }

    /// `comparable` is false after a reset, when "nothing missed" cannot be said.
    private mutating func completeJoin(
        _ room: String, _ reason: JoinReason, members: Int, messages: [ChatMessage], missing: ClosedRange<UInt64>?,
        comparable: Bool = true
    ) -> [Output] {
        if !rooms.contains(room) { rooms.append(room) }
        var out: [Output]
        switch reason {
        case .requested:
            current = room
            out = [.show(.joinedRoom(room, members: members))]
        case .resumed:
            out = [.show(.rejoinedRoom(room, recovered: comparable ? messages.count : nil))]
        }
        if let missing { out.append(.show(.messagesLost(room: room, missing))) }
        for message in messages { names[message.id] = message.name }
        return out + messages.map { .show(.message($0, own: $0.id == myID)) }
    }

    private mutating func left(_ room: String) -> [Output] {
        rooms.removeAll { $0 == room }
        if current == room { current = rooms.last }
        return [.show(.leftRoom(room))]
    }

    private mutating func presence(room: String, change: String, id: String, name: String) -> [Output] {
        let previous = names[id]
        names[id] = name
        switch change {
        case "join": return [.show(.presence(room: room, name: name, change: .joined))]
        case "leave": return [.show(.presence(room: room, name: name, change: .left))]
        // A rename reaches us once per shared room; tell it once.
        case "nick": return previous == name ? [] : [.show(.presence(room: room, name: name, change: .renamed(from: previous)))]
        default: return []
        }
    }

    private mutating func received(_ message: ChatMessage) -> [Output] {
        names[message.id] = message.name
        let shown = Output.show(.message(message, own: message.id == myID))
        switch tracker.received(message) {
        case .fresh: return [shown]
        case .afterGap(let missing): return [.show(.messagesLost(room: message.room, missing)), shown]
        case .duplicate: return []
        }
    }

    private mutating func renamed(_ name: String) -> [Output] {
        self.name = name
        if let myID { names[myID] = name }
        return [.show(.renamed(name))]
    }

    private mutating func failed(code: String, message: String, ref: String?) -> [Output] {
        if let ref, ref.hasPrefix(ClientRequest.joinRef("")) {
            let room = String(ref.dropFirst(ClientRequest.joinRef("").count))
            pendingJoins[room] = nil
            if rooms.contains(room) { _ = left(room) }
        }
        return [.show(.serverError(code: code, message: message))]
    }

    private func label(_ member: ServerEvent.Member) -> String {
        member.id == myID ? member.name + " (you)" : member.name
    }

    // MARK: Commands

    mutating func perform(_ command: Command) -> [Output] {
        switch command {
        case .say(let text): say(text)
        case .join(let room): isConnected ? [join(room, .requested)] : notSent
        case .leave(let room): rooms.contains(room) ? request(.leave(room: room)) : [notJoined(room)]
        case .switchTo(let room): switchTo(room)
        case .nick(let name): request(.nick(name: name))
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
        guard hasConnected else { return isConnected ? [.send(.raw(text)), .show(.sentRaw(text))] : notSent }
        guard let current else { return [.show(.hint("you are in no room: /join ROOM first"))] }
        return request(.message(room: current, text: text))
    }

    private mutating func switchTo(_ room: String) -> [Output] {
        guard rooms.contains(room) else { return [notJoined(room)] }
        current = room
        return [.show(.switchedRoom(room))]
    }

    private func who(_ room: String?) -> [Output] {
        guard let target = room ?? current else { return [.show(.hint("you are in no room: /who ROOM"))] }
        return request(.who(room: target))
    }

    private func notJoined(_ room: String) -> Output {
        .show(.hint("you are not in #\(SafeText.neutralised(room)); /join \(SafeText.neutralised(room))"))
    }

    /// Sends `request` when connected; otherwise says that nothing was sent.
    private func request(_ request: ClientRequest) -> [Output] {
        isConnected ? [.send(request)] : notSent
    }

    private var notSent: [Output] {
        [.show(.hint("not connected: nothing sent, the line is kept for when we are back")), .keepLine]
    }
}
