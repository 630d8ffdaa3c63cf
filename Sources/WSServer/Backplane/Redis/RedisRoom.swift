import ChatWire

/// A room this node has members in, as the Redis backplane tracks it: who
/// they are (to register them again after Redis comes back) and whether
/// the node is subscribed to the room's channel. A join is only sent once
/// the subscription is confirmed, so its presence marker cannot be missed.
struct RedisRoom {
    /// Where the room's subscription stands.
    enum Subscription {
        /// Asked for; these joins wait for the confirmation.
        case pending([JoinRequest])
        case active
    }

    var members: [String: ChatMember] = [:]
    var subscription = Subscription.pending([])

    var isActive: Bool {
        if case .active = subscription { return true }
        return false
    }
}
