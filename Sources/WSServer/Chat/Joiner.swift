import ChatWire

/// A client whose join of a room waits for the backplane. It becomes a
/// member once both halves of the answer are in, in either order: the join
/// result (position, history, member count) and its own presence marker on
/// the room's channel, which tells where in the room's stream of messages
/// the join took effect. Events after the marker and before the result are
/// held for it and sent right after its `joined`.
struct Joiner: Sendable {
    let client: ClientID
    let ref: ChatRequest.Ref?
    /// It re-joins a room it was in: back to member if the join fails.
    let wasMember: Bool
    /// Its marker passed the room's feed.
    var isMarked = false
    var info: JoinInfo?
    /// Events for it after its marker, waiting for its `joined`.
    var held: [PreparedEvent] = []
    /// For a re-joiner, the events before its marker: its `joined` replaces
    /// them, but should the join fail it is a member again and must get them.
    var missed: [PreparedEvent] = []
    /// Bytes of `held` and `missed` together.
    var heldBytes = 0

    init(client: ClientID, ref: ChatRequest.Ref?, wasMember: Bool) {
        self.client = client
        self.ref = ref
        self.wasMember = wasMember
    }

    var isComplete: Bool { isMarked && info != nil }
}
