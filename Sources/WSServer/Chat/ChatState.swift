/// All the chat rules, as a value: synchronous, no I/O, no clock (every
/// entry point takes `now`), no threads. Each entry point returns the
/// deliveries to make, in the order they must be sent; a frame meant for
/// many clients is encoded once and its recipient list is a room's member
/// array itself (shared copy-on-write, never rebuilt per message).
///
/// Rules where PROTOCOL.md is silent are documented on the entry points and
/// in `ChatState+Membership.swift` / `ChatState+Requests.swift`.
public struct ChatState: Sendable {
    public let config: ChatConfig
    public internal(set) var statistics = ChatStatistics()

    let rateLimiter: RateLimiter
    var clients: [ClientID: ClientState] = [:]
    /// Every connected client, the recipients of a broadcast.
    var everyone: [ClientID] = []
    var rooms: [RoomName: RoomState] = [:]

    public init(config: ChatConfig = ChatConfig()) {
        self.config = config
        rateLimiter = RateLimiter(rate: config.rateLimit)
    }

    public var connectionCount: Int { clients.count }
    public var roomCount: Int { rooms.count }

    /// A connected client's nickname.
    public func nickname(of id: ClientID) -> Nickname? { clients[id]?.name }

    /// A client's rooms in the order they were (re)joined; the last is current.
    public func joinedRooms(of id: ClientID) -> [RoomName] { clients[id]?.rooms ?? [] }

    /// The room a `message` or `who` without `room` goes to.
    public func currentRoom(of id: ClientID) -> RoomName? { clients[id]?.currentRoom }

    /// Members of `room` (0 for a room that does not exist).
    public func memberCount(of room: RoomName) -> Int { rooms[room]?.members.count ?? 0 }

    /// A new chat client: `welcome` first (always the first frame a client
    /// receives), then for a bad `name` an `error` (`bad_name`, the default
    /// `guest-<serial>` kept), then per query room in order a `joined` (or
    /// `bad_room` / `too_many_rooms`, that room skipped). `since` applies only
    /// when exactly one room is given and is ignored otherwise. Query errors
    /// carry no `ref`. A repeated room is an idempotent re-join. An id that
    /// is already connected is ignored.
    public mutating func connect(
        _ id: ClientID, name: String?, rooms roomNames: [String], since: UInt64?, now: Moment
    ) -> [Delivery] {
        guard clients[id] == nil else { return [] }
        let chosenName = name.flatMap { Nickname($0) }
        let nickname = chosenName ?? Nickname.guest(id)
        clients[id] = ClientState(name: nickname, position: everyone.count, now: now.uptimeNanos)
        everyone.append(id)
        var out = [reply(id, .welcome(id: id, name: nickname))]
        if name != nil, chosenName == nil {
            out.append(reply(id, .error(ChatError(.badName, ChatError.badNameMessage))))
        }
        let replaySince = roomNames.count == 1 ? since : nil
        for rawRoom in roomNames {
            if let room = RoomName(rawRoom) {
                out += join(id, room: room, since: replaySince, ref: nil)
            } else {
                out.append(reply(id, .error(ChatError(.badRoom, ChatError.badRoomMessage))))
            }
        }
        return recorded(out)
    }

    /// One text frame from a client: parsed, then `handle`d or, when it
    /// does not parse, `handleInvalid`.
    public mutating func receiveText(_ id: ClientID, _ payload: UnsafeRawBufferPointer, now: Moment) -> [Delivery] {
        switch ChatRequest.parse(payload) {
        case .success(let request): handle(id, request, now: now)
        case .failure(let error): handleInvalid(id, error: error, now: now)
        }
    }

    /// A parsed request. It counts as activity and passes the rate limit
    /// first: over the limit it is not executed and the sender gets
    /// `rate_limited` (or, for sustained abuse, a 1008 close). Requests from
    /// unknown or evicted clients are ignored.
    public mutating func handle(_ id: ClientID, _ request: ChatRequest, now: Moment) -> [Delivery] {
        switch admit(id, ref: request.ref, now: now) {
        case .ignored: return []
        case .refused(let deliveries): return recorded(deliveries)
        case .admitted: return recorded(execute(id, request, now: now))
        }
    }

    /// A frame that did not parse as a request: answered with its `error`,
    /// after the same activity and rate-limit accounting as `handle`.
    public mutating func handleInvalid(_ id: ClientID, error: ChatError, now: Moment) -> [Delivery] {
        switch admit(id, ref: error.ref, now: now) {
        case .ignored: return []
        case .refused(let deliveries): return recorded(deliveries)
        case .admitted: return recorded([reply(id, .error(error))])
        }
    }

    /// The client is gone: it leaves every room at once (presence `leave`
    /// to the others, empty rooms forgotten). Idempotent.
    public mutating func disconnect(_ id: ClientID, now: Moment) -> [Delivery] {
        guard let client = clients.removeValue(forKey: id) else { return [] }
        let moved = everyone.removeLast()
        if moved != id {
            everyone[client.position] = moved
            clients[moved]?.position = client.position
        }
        var out: [Delivery] = []
        for room in client.rooms {
            if let presence = removeMember(id, named: client.name, from: room) { out.append(presence) }
        }
        return recorded(out)
    }

    private mutating func execute(_ id: ClientID, _ request: ChatRequest, now: Moment) -> [Delivery] {
        let ref = request.ref
        switch request.kind {
        case .join(let room, let since): return join(id, room: room, since: since, ref: ref)
        case .leave(let room): return leave(id, room: room, ref: ref)
        case .message(let text, let room): return message(id, text: text, room: room, ref: ref, now: now)
        case .broadcast(let text): return broadcast(id, text: text, ref: ref, now: now)
        case .nick(let name): return nick(id, name: name, ref: ref)
        case .rooms: return [reply(id, .rooms(roomList(), ref: ref))]
        case .who(let room): return who(id, room: room, ref: ref)
        }
    }

    /// The outcome of the activity and rate-limit check.
    private enum Admission {
        case admitted
        case refused([Delivery])
        case ignored
    }

    private mutating func admit(_ id: ClientID, ref: ChatRequest.Ref?, now: Moment) -> Admission {
        guard let verdict = clients[id]?.admit(now: now.uptimeNanos, limiter: rateLimiter) else { return .ignored }
        statistics.requestsReceived += 1
        switch verdict {
        case .allowed:
            return .admitted
        case .refused:
            statistics.rateLimitedRefusals += 1
            let error = ChatError(.rateLimited, "too many requests, slow down", ref: ref)
            return .refused([reply(id, .error(error))])
        case .abusive:
            statistics.rateLimitedRefusals += 1
            statistics.rateLimitCloses += 1
            clients[id]?.isEvicted = true
            return .refused([Delivery(to: id, .close(.policyViolation, reason: "rate limit exceeded"))])
        }
    }

    func reply(_ id: ClientID, _ event: ChatEvent) -> Delivery {
        Delivery(to: id, .frame(event.frame))
    }

    /// Counts the frames handed out, once per recipient.
    mutating func recorded(_ deliveries: [Delivery]) -> [Delivery] {
        for delivery in deliveries {
            if case .frame = delivery.action { statistics.deliveries += UInt64(delivery.recipients.count) }
        }
        return deliveries
    }
}
