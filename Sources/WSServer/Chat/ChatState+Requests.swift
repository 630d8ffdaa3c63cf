import ChatWire

/// Requests in: parsing, the two rate limits, deferral behind a join in
/// flight, and dispatch to the rule for each request type.
extension ChatState {
    /// Requests kept waiting behind a client's join; more are refused.
    static let maxDeferred = 64

    /// One text frame from a client: parsed, then `handle`d or, when it
    /// does not parse, `handleInvalid`.
    public mutating func receiveText(_ id: ClientID, _ payload: UnsafeRawBufferPointer, now: Moment) -> [Delivery] {
        switch ChatRequest.parse(payload) {
        case .success(let request): handle(id, request, now: now, frameBytes: payload.count)
        case .failure(let error): handleInvalid(id, error: error, now: now, frameBytes: payload.count)
        }
    }

    /// A parsed request. It counts as activity and passes the rate limits
    /// first: over a limit it is not executed and the sender gets
    /// `rate_limited` (or, for sustained abuse, a 1008 close). Requests from
    /// unknown or evicted clients are ignored.
    public mutating func handle(_ id: ClientID, _ request: ChatRequest, now: Moment, frameBytes: Int = 0) -> [Delivery] {
        collecting { state in
            guard let client = state.clients[id] else { return }
            let cost = RequestCost(
                request, frameBytes: frameBytes, memberCount: { state.rooms[$0]?.memberCount ?? 0 },
                joinedRooms: client.rooms)
            guard state.admit(id, cost: cost, ref: request.ref, now: now) else { return }
            state.runOrDefer(id, request, now: now)
        }
    }

    /// A frame that did not parse as a request: answered with its `error`,
    /// after the same activity and rate-limit accounting as `handle`.
    public mutating func handleInvalid(_ id: ClientID, error: ChatError, now: Moment, frameBytes: Int = 0) -> [Delivery] {
        collecting { state in
            let cost = RequestCost(requests: 1, bytes: UInt64(frameBytes))
            guard state.admit(id, cost: cost, ref: error.ref, now: now) else { return }
            state.reply(id, .error(error))
        }
    }

    /// Activity, then both buckets; false when the request must not run
    /// (refused, or the client is unknown or evicted).
    private mutating func admit(_ id: ClientID, cost: RequestCost, ref: ChatRequest.Ref?, now: Moment) -> Bool {
        guard var client = clients[id], !client.isEvicted else { return false }
        statistics.requestsReceived += 1
        client.recordActivity(now: now.uptimeNanos)
        var verdict = requestLimiter.admit(&client.requestBucket, now: now.uptimeNanos, cost: cost.requests)
        if verdict == .allowed {
            verdict = byteLimiter.admit(&client.byteBucket, now: now.uptimeNanos, cost: cost.bytes)
        }
        clients[id] = client
        switch verdict {
        case .allowed:
            return true
        case .refused:
            statistics.rateLimitedRefusals += 1
            replyError(id, .rateLimited, "too many requests, slow down", ref: ref)
        case .abusive:
            statistics.rateLimitedRefusals += 1
            statistics.rateLimitCloses += 1
            clients[id]?.isEvicted = true
            act(.close(.rateLimitExceeded), for: [id])
        }
        return false
    }

    /// Charges the byte budget for what escaping added to a message's text
    /// (the frame itself was charged on arrival); false, with
    /// `rate_limited`, when the budget cannot take it.
    mutating func chargeEscaping(_ id: ClientID, body: [UInt8], text: String, ref: ChatRequest.Ref?, now: Moment) -> Bool {
        guard var client = clients[id] else { return false }
        let growth = RequestCost.escapingGrowth(bodyBytes: body.count, text: text, name: client.name.value)
        guard growth > 0 else { return true }
        let verdict = byteLimiter.admit(&client.byteBucket, now: now.uptimeNanos, cost: UInt64(growth))
        clients[id] = client
        guard verdict == .allowed else {
            statistics.rateLimitedRefusals += 1
            replyError(id, .rateLimited, "too many bytes, slow down", ref: ref)
            return false
        }
        return true
    }

    /// Runs the request now, or after the client's join in flight.
    mutating func runOrDefer(_ id: ClientID, _ request: ChatRequest, now: Moment) {
        guard let client = clients[id] else { return }
        guard client.isJoining else { return execute(id, request, now: now) }
        guard client.deferred.count < ChatState.maxDeferred else {
            return replyError(id, .rateLimited, "too many requests waiting for a join", ref: request.ref)
        }
        clients[id]?.deferred.append(.request(request, now))
    }

    /// Replies `error` now, or in its place after the client's join in flight.
    mutating func replyOrDefer(_ id: ClientID, _ error: ChatError) {
        guard clients[id]?.isJoining == true else { return reply(id, .error(error)) }
        clients[id]?.deferred.append(.error(error))
    }

    /// After a join is answered: the requests that waited for it, in order,
    /// until one of them starts another join.
    mutating func runDeferred(_ id: ClientID) {
        while let client = clients[id], !client.isJoining, let next = client.deferred.first {
            clients[id]?.deferred.removeFirst()
            switch next {
            case .request(let request, let now): execute(id, request, now: now)
            case .error(let error): reply(id, .error(error))
            }
        }
    }

    private mutating func execute(_ id: ClientID, _ request: ChatRequest, now: Moment) {
        let ref = request.ref
        switch request.kind {
        case .join(let room, let since, let epoch): join(id, room: room, since: since, epoch: epoch, ref: ref)
        case .leave(let room): leave(id, room: room, ref: ref)
        case .message(let text, let room): message(id, text: text, room: room, ref: ref, now: now)
        case .broadcast(let text): broadcast(id, text: text, ref: ref, now: now)
        case .nick(let name): nick(id, name: name, ref: ref)
        case .rooms: listRooms(id, ref: ref)
        case .who(let room): who(id, room: room, ref: ref)
        case .refresh(let token): refresh(id, token: token, ref: ref, now: now)
        }
    }
}
