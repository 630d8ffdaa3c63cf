import ChatWire
import Testing
@testable import WSServer

/// The rules with a backplane that answers later, as Redis does: the test
/// decides when each command runs (on a memory backplane) and whether it fails.
@Suite("ChatState with a delayed backplane")
struct ChatStateDelayedBackplaneTests {
    /// Was (found by fuzz/run.sh chat-state): a member re-joining its room is
    /// taken off the member list until the join is answered; when the
    /// backplane failed that join, the member was put back without the
    /// messages of the room that passed meanwhile, a silent gap in its seqs.
    @Test func aMemberWhoseRejoinFailsMissesNoMessage() {
        var node = DelayedNode()
        node.open(c1, rooms: ["r"])
        node.open(c2, rooms: ["r"])
        let rejoin = node.send(c1, #"{"type":"join","room":"r","ref":1}"#, answered: false)
        node.send(c2, "m1")
        node.fail(rejoin)
        node.send(c2, "m2")
        let seqs = node.sent.filter { $0.recipients.contains(c1) && $0.type == "message" }.map { $0.event?["seq"] }
        #expect(seqs == [.number("1"), .number("2")])
        let failure = node.sent.first { $0.recipients == [c1] && $0.type == "error" }?.event
        #expect(failure?["code"] == .string("unavailable") && failure?["ref"] == .number("1"))
    }

    /// Its own rename, passing while it re-joins, is not among what it gets back.
    @Test func aMemberWhoseRejoinFailsIsNotToldOfItsOwnRename() {
        var node = DelayedNode()
        node.open(c1, rooms: ["r"])
        node.open(c2, rooms: ["r"])
        let rename = node.send(c1, #"{"type":"nick","name":"ann"}"#, answered: false)
        let rejoin = node.send(c1, #"{"type":"join","room":"r","ref":1}"#, answered: false)
        node.run(rename)
        node.fail(rejoin)
        #expect(node.sent.contains { $0.recipients == [c2] && $0.event?["event"] == .string("nick") })
        let aboutItself = node.sent.filter { $0.recipients.contains(c1) && $0.event?["id"] == .string("c1") }
        #expect(aboutItself.allSatisfy { $0.type != "presence" })
    }

    /// When the re-join succeeds, what came before its marker is in the
    /// `joined` replay and is not sent again.
    @Test func aSuccessfulRejoinReplaysWhatPassedInsteadOfRepeatingIt() {
        var node = DelayedNode()
        node.open(c1, rooms: ["r"])
        node.open(c2, rooms: ["r"])
        let rejoin = node.send(c1, #"{"type":"join","room":"r","ref":1}"#, answered: false)
        let mark = node.sent.count
        node.send(c2, "m1")
        node.run(rejoin)
        let toC1 = node.sent[mark...].filter { $0.recipients.contains(c1) }
        #expect(toC1.map(\.type) == ["joined"])
        #expect(toC1.last?.event?["history"]?.arrayValue?.map { $0["seq"] } == [.number("1")])
    }
}

/// A `ChatState` and a memory backplane joined by hand: `open` and `send`
/// run the commands they cause at once, or leave them to the test.
private struct DelayedNode {
    var state = ChatState(config: { var config = ChatConfig(); config.rateLimit = 0; return config }())
    var memory = MemoryBackplane(config: ChatConfig())
    var sent: [Sent] = []

    mutating func open(_ id: ClientID, rooms: [String]) {
        sent += decode(state.connect(id, name: nil, rooms: rooms, now: at(0)))
        run(state.takeCommands())
    }

    /// The commands left unanswered.
    @discardableResult
    mutating func send(_ id: ClientID, _ text: String, answered: Bool = true) -> [BackplaneCommand] {
        sent += decode(Array(text.utf8).withUnsafeBytes { state.receiveText(id, $0, now: at(0)) })
        guard answered else { return state.takeCommands() }
        run(state.takeCommands())
        return []
    }

    /// Runs `commands` and applies their answers, and so on until none are left.
    mutating func run(_ commands: [BackplaneCommand]) {
        for command in commands {
            for event in memory.execute(command, now: at(0)) { sent += decode(state.apply(event, now: at(0))) }
            run(state.takeCommands())
        }
    }

    /// Answers the joins among `commands` with failures, as a dropped connection would.
    mutating func fail(_ commands: [BackplaneCommand]) {
        for case .join(let request) in commands {
            sent += decode(state.apply(.joinFailed(request.room, memberID: request.member.id), now: at(0)))
            run(state.takeCommands())
        }
    }
}
