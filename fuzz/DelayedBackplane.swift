/// A remote backplane as the chat rules see Redis, built on the memory
/// backplane: commands wait until the script runs them, in the order they
/// were submitted, and their answers come back on two ordered streams the
/// script interleaves at will: the pub/sub channel (room events,
/// broadcasts, disconnects) and the command connection (join results,
/// publish positions, listings). Within a stream the order is kept, as Redis
/// keeps it; between the two it is not, which is why a join waits for both
/// its result and its presence marker.
///
/// A command may also fail as it would when Redis drops the connection:
/// a join answers `joinFailed` and a command with a ticket `failed`, in
/// both cases without touching the room space. Leaves, renames and fetches
/// always run, as a failure there would leave the room space out of step
/// with the node (Redis repairs that on reconnect, which is not modelled).
struct DelayedBackplane {
    var memory: MemoryBackplane
    private(set) var commands: [BackplaneCommand] = []
    private(set) var channel: [BackplaneEvent] = []
    private(set) var replies: [BackplaneEvent] = []

    init(config: ChatConfig) {
        memory = MemoryBackplane(config: config)
    }

    var isSettled: Bool { commands.isEmpty && channel.isEmpty && replies.isEmpty }

    mutating func submit(_ submitted: [BackplaneCommand]) {
        commands += submitted
    }

    /// Runs the oldest command; false when there is none.
    @discardableResult
    mutating func runNext(now: Moment, failing: Bool) -> Bool {
        guard !commands.isEmpty else { return false }
        let command = commands.removeFirst()
        if failing, let failure = DelayedBackplane.failure(of: command) {
            replies.append(failure)
            return true
        }
        for event in memory.execute(command, now: now) {
            if DelayedBackplane.travelsOnChannel(event) { channel.append(event) } else { replies.append(event) }
        }
        return true
    }

    /// The next event of one stream, if it has one.
    mutating func nextEvent(fromChannel: Bool) -> BackplaneEvent? {
        if fromChannel {
            return channel.isEmpty ? nil : channel.removeFirst()
        }
        return replies.isEmpty ? nil : replies.removeFirst()
    }

    private static func failure(of command: BackplaneCommand) -> BackplaneEvent? {
        switch command {
        case .join(let request): .joinFailed(request.room, memberID: request.member.id)
        case .publish(_, _, let ticket), .broadcast(_, let ticket), .listRooms(_, _, let ticket),
             .listMembers(_, _, let ticket), .history(_, _, _, let ticket), .disconnect(_, let ticket):
            .failed(ticket: ticket)
        case .leave, .rename, .fetch: nil
        }
    }

    private static func travelsOnChannel(_ event: BackplaneEvent) -> Bool {
        switch event {
        case .room, .broadcast, .disconnect: true
        case .joined, .joinFailed, .published, .listed, .failed, .fetched, .history, .done, .availability: false
        }
    }
}
