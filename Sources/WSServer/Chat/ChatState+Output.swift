import ChatWire

/// How the rules emit what they decide: deliveries for this node's
/// clients, commands for the backplane, tickets for answers to come.
extension ChatState {
    /// One event for one client.
    mutating func reply(_ id: ClientID, _ event: ChatEvent) {
        deliver(PreparedEvent(event), to: [id])
    }

    mutating func replyError(_ id: ClientID, _ code: ChatError.Code, _ message: String, ref: ChatRequest.Ref?) {
        reply(id, .error(ChatError(code, message, ref: ref)))
    }

    /// One prepared event for many clients (a room's member array as is).
    mutating func deliver(_ event: PreparedEvent, to recipients: [ClientID]) {
        guard !recipients.isEmpty else { return }
        statistics.deliveries += UInt64(recipients.count)
        deliveries.append(Delivery(recipients: recipients, action: .event(event)))
    }

    mutating func act(_ action: Delivery.Action, for recipients: [ClientID]) {
        guard !recipients.isEmpty else { return }
        deliveries.append(Delivery(recipients: recipients, action: action))
    }

    mutating func issue(_ command: BackplaneCommand) {
        commands.append(command)
    }

    /// A ticket for a command whose answer `reply` says what to do with.
    mutating func ticket(for reply: PendingReply) -> UInt64 {
        nextTicket += 1
        pending[nextTicket] = reply
        return nextTicket
    }

    static let unavailableMessage = "the server cannot reach its backplane right now; try again"
}
