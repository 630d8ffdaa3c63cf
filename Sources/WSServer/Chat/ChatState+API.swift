import ChatWire
import WSProtocol

/// The HTTP API for backends, run by the same rules and backplane as chat
/// (docs/protocol.md, "HTTP API for backends"): a published message is numbered,
/// kept and delivered like any (`id` "api"), also to a room that has no
/// members yet; `disconnect` closes the sessions on every node. The answer
/// goes back to the API connection as an HTTP response.
extension ChatState {
    public mutating func handleAPI(_ connection: ClientID, _ request: APIRequest, now: Moment) -> [Delivery] {
        collecting { state in
            guard state.backplaneAvailable else { return state.respond(connection, APIError.unavailable.response) }
            state.executeAPI(connection, request, now: now)
        }
    }

    private mutating func executeAPI(_ connection: ClientID, _ request: APIRequest, now: Moment) {
        if let text = request.text, text.utf8.count > config.maxMessageSize {
            let error = APIError(.payloadTooLarge, .badRequest, "text is over the \(config.maxMessageSize)-byte message limit")
            return respond(connection, error.response)
        }
        switch request {
        case .publish(let room, let text, let name):
            statistics.messagesReceived += 1
            let body = ChatMessage.body(id: "api", name: name.value, text: text, ts: now.epochMillis, user: nil)
            issue(.publish(room, body: body, ticket: ticket(for: .api(connection, .publish(room)))))
        case .broadcast(let text, let name):
            statistics.messagesReceived += 1
            let body = ChatMessage.body(id: "api", name: name.value, text: text, ts: now.epochMillis, user: nil)
            issue(.broadcast(body: body, ticket: ticket(for: .api(connection, .broadcast))))
        case .rooms:
            issue(.listRooms(limit: config.listingLimit, positions: true, ticket: ticket(for: .api(connection, .rooms))))
        case .history(let room, let since, let limit):
            let cap = min(limit ?? config.historySize, config.historySize)
            issue(.history(room, since: since, limit: cap, ticket: ticket(for: .api(connection, .history(room)))))
        case .members(let room):
            issue(.listMembers(room, limit: config.listingLimit, ticket: ticket(for: .api(connection, .members))))
        case .disconnect(let target):
            issue(.disconnect(target, ticket: ticket(for: .api(connection, .disconnect))))
        }
    }

    mutating func respond(_ connection: ClientID, _ response: HTTPResponse) {
        act(.respond(response), for: [connection])
    }

    /// Closes this node's sessions that `target` names.
    mutating func disconnect(_ target: DisconnectTarget) {
        let matching = clients.filter { _, client in
            switch target {
            case .user(let user): client.identity?.user == user
            case .id(let id): client.publicID == id
            }
        }.map(\.key)
        act(.close(.disconnectedByServer), for: matching)
    }
}
