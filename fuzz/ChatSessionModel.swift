/// The chat-state harness's own account of a session, built only from what
/// the node delivered: who is connected, which rooms each client was told
/// it is in (and up to which seq), which replies each client is still owed,
/// and how each room's messages were numbered. Every delivery is checked
/// against it before it is applied (`observe`).
///
/// `exact` is set for the memory backplane, whose answers arrive within the
/// call that caused them: then a room's recipients, listings and counts must
/// match the account exactly. With the delayed backplane they may lag, and
/// only what holds at any moment is checked.
struct ChatSessionModel {
    let config: ChatConfig
    let exact: Bool
    var clients: [ClientID: ModelClient] = [:]
    /// Public ids of every client ever connected, with their user.
    var everConnected: [String: String?] = [:]
    /// API connections waiting for their one response.
    var apiWaiting: [ClientID: APIExpectation] = [:]
    var numbering: [String: RoomNumbering] = [:]
    /// The client whose disconnect is being handled: it may still get its `completeClose`.
    var leaving: ClientID?
    /// The call being observed came from the sweep (pings and idle closes allowed).
    var inSweep = false
    /// A `refreshed` was just delivered to this client: `extendExpiry` must come next.
    var owedExtension: ClientID?

    init(config: ChatConfig, exact: Bool) {
        self.config = config
        self.exact = exact
    }

    /// Members of `room` as the model knows them.
    func members(of room: String) -> [ClientID] {
        clients.filter { $0.value.rooms[room] != nil }.map(\.key)
    }

    mutating func connected(_ id: ClientID, name: String, user: String?) {
        clients[id] = ModelClient(id: id, name: name, user: user)
        everConnected[id.publicID] = user
    }

    /// The client is gone before its disconnect's deliveries are observed.
    mutating func disconnected(_ id: ClientID) {
        clients[id] = nil
        leaving = id
    }

    /// With the memory backplane every join is answered within its call; an
    /// `error` without ref may have answered one, so what is left is dropped.
    mutating func forgetUnansweredJoins() {
        for id in clients.keys { clients[id]?.unreferencedJoins = [:] }
    }

    /// Checks and applies one call's deliveries, in order.
    mutating func observe(_ deliveries: [Delivery]) {
        for delivery in deliveries { observe(delivery) }
        Fuzz.require(owedExtension == nil, "refreshed without extendExpiry")
        leaving = nil
    }

    private mutating func observe(_ delivery: Delivery) {
        let recipients = delivery.recipients
        Fuzz.require(!recipients.isEmpty, "a delivery without recipients: \(delivery.action)")
        Fuzz.require(Set(recipients).count == recipients.count, "a recipient twice in \(recipients)")
        if case .respond(let response) = delivery.action {
            return observeResponse(response, to: recipients)
        }
        if case .completeClose = delivery.action {
            Fuzz.require(recipients == [leaving], "completeClose for \(recipients), leaving \(String(describing: leaving))")
            leaving = nil
            return
        }
        for id in recipients {
            Fuzz.require(clients[id] != nil, "\(delivery.action) delivered to \(id), which is not connected")
        }
        if let owed = owedExtension {
            Fuzz.require(delivery.action == .extendExpiry(clients[owed]?.expiry ?? 0) && recipients == [owed],
                         "refreshed not followed by its extendExpiry: \(delivery.action)")
            owedExtension = nil
            return
        }
        observeAction(delivery.action, to: recipients)
    }

    private mutating func observeAction(_ action: Delivery.Action, to recipients: [ClientID]) {
        switch action {
        case .event(let event):
            observeEvent(event, to: recipients)
        case .ping:
            Fuzz.require(inSweep, "a ping outside the sweep")
        case .closeIfIdle:
            Fuzz.require(inSweep, "an idle close outside the sweep")
            for id in recipients { clients[id]?.isClosing = true }
        case .close(let reason):
            checkClose(reason)
            for id in recipients { clients[id]?.isClosing = true }
        case .extendExpiry:
            Fuzz.require(false, "extendExpiry without refreshed")
        case .completeClose, .respond:
            return
        }
    }

    private func checkClose(_ reason: CloseReason) {
        switch reason {
        case .rateLimitExceeded: Fuzz.require(config.rateLimit > 0, "a rate-limit close with rate limits off")
        case .slowConsumer: Fuzz.require(!exact, "a joiner held more than a reply with the memory backplane")
        case .disconnectedByServer: return
        default: Fuzz.require(false, "unexpected close \(reason)")
        }
    }
}

/// One connected client as the harness knows it.
struct ModelClient {
    let id: ClientID
    var name: String
    let user: String?
    var welcomed = false
    /// Rooms it was told it is in (`joined`, not `left` since).
    var rooms: [String: RoomView] = [:]
    /// Replies owed for requests that carried a ref, by ref text.
    var owed: [String: [ExpectedReply]] = [:]
    /// Joins without a ref still unanswered, by room: what `since` each asked.
    var unreferencedJoins: [String: [UInt64?]] = [:]
    /// The server asked the loop to close it; the harness disconnects it before the next step.
    var isClosing = false
    /// The token expiry the next `extendExpiry` must carry.
    var expiry: Int64 = 0

    init(id: ClientID, name: String, user: String?) {
        self.id = id
        self.name = name
        self.user = user
    }
}

/// What a client was told about a room it is in.
struct RoomView {
    var epoch: String
    /// The seq its next message event must carry.
    var nextSeq: UInt64
}

/// A reply a request with a ref is owed (any request may be answered by an `error` instead).
enum ExpectedReply: Equatable {
    case join(room: String, since: UInt64?)
    case leave(room: String)
    /// The room when the harness knows where the message goes.
    case message(room: String?)
    case broadcast, nick, rooms, who, refresh
    /// A frame that did not parse: only an `error`.
    case invalid
}

/// How the harness saw one room numbered, per epoch: the highest seq seen
/// and the recent payloads, so that a seq always names the same message.
struct RoomNumbering {
    var current: String?
    var seenEpochs: Set<String> = []
    var lastSeq: [String: UInt64] = [:]
    var payloads: [String: [UInt64: JSONValue]] = [:]

    static let keptPayloads: UInt64 = 64
}

/// What an API call waits for.
enum APIExpectation {
    case publish(room: String), broadcast, rooms, history(room: String), members(room: String), disconnect
}
