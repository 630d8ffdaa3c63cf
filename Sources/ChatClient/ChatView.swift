import ChatWire

/// Formats notices as terminal lines: `[HH:MM:SS] #room name: text` for
/// messages, `* …` for what happened, `! …` in red for errors. Every string
/// that came from the wire goes through `SafeText` here, the one place
/// lines are built.
public struct ChatView {
    public let style: TextStyle
    /// Turns a message's `ts` into a clock; injectable for tests.
    public var clock: (Int64) -> String

    public init(style: TextStyle, clock: @escaping (Int64) -> String = LocalTime.clock(millis:)) {
        self.style = style
        self.clock = clock
    }

    public func lines(_ notice: Notice) -> [String] {
        switch notice {
        case .message(let message, let own):
            messageLines(stamp: message.ts, place: style.paint("#" + safe(message.room), TextStyle.cyan),
                         name: message.name, own: own, text: message.text)
        case .broadcast(let broadcast, let own):
            messageLines(stamp: broadcast.ts, place: style.paint("[broadcast]", TextStyle.yellow), name: broadcast.name,
                         own: own, text: broadcast.text)
        case .unrecognised(let text):
            text.split(separator: "\n", omittingEmptySubsequences: false).map { "< " + safe($0) }
        case .sentRaw(let text):
            ["> " + safe(text)]
        case .binary(let count):
            ["< [binary message, \(count) bytes]"]
        case .help:
            Self.helpLines.map { event($0) }
        case .presence, .joinedRoom, .rejoinedRoom, .leftRoom, .switchedRoom, .roomList, .members, .renamed,
             .refused, .connected, .welcomed, .disconnected, .reconnecting, .reconnectFailed, .messagesLost,
             .roomRestarted, .hint:
            statusLine(notice).map { [$0] } ?? []
        }
    }

    /// The one-line notices; nil for those `lines` formats itself.
    private func statusLine(_ notice: Notice) -> String? {
        switch notice {
        case .presence(let room, let name, let change): event(presence(room: room, name: name, change: change))
        case .joinedRoom(let room, let members): event("joined \(tag(room)) (\(members) \(members == 1 ? "member" : "members"))")
        case .rejoinedRoom(let room, let recovered): event("rejoined \(tag(room))" + recoveredSuffix(recovered))
        case .leftRoom(let room): event("left \(tag(room))")
        case .switchedRoom(let room): event("now talking in \(tag(room))")
        case .roomList(let rooms): event(roomList(rooms))
        case .members(let room, let names): event("in \(tag(room)): " + names.map(safe).joined(separator: ", "))
        case .renamed(let name): event("you are now \(safe(name))")
        case .refused(let error): problem("error: \(safe(error.message)) (\(error.code.rawValue))")
        case .connected(let url, let again): event("\(again ? "reconnected" : "connected") to \(safe(url))")
        case .welcomed(let name): event("you are \(safe(name)); /help lists the commands")
        case .disconnected(let why): warning(safe(why.explanation))
        case .reconnecting(let delay): warning("reconnecting in \(Self.seconds(delay))")
        case .reconnectFailed(let why, let delay): warning("reconnect failed (\(safe(why))), next try in \(Self.seconds(delay))")
        case .messagesLost(let room, let range): warning(lost(room: room, range: range))
        case .roomRestarted(let room, let previous, let current): warning(restarted(room, previous, current))
        case .hint(let text): event(text)
        case .message, .broadcast, .unrecognised, .sentRaw, .binary, .help: nil
        }
    }

    private func messageLines(stamp: Int64, place: String, name: String, own: Bool, text: String) -> [String] {
        let shownName = own ? style.paint(safe(name) + " (you)", TextStyle.green) : style.paint(safe(name), TextStyle.bold)
        let prefix = "\(style.paint("[\(clock(stamp))]", TextStyle.dim)) \(place) \(shownName): "
        let pieces = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        // Continuation lines are indented, so a message can never pass off
        // one of its lines as a message of someone else.
        let indent = String(repeating: " ", count: 4)
        return [prefix + safe(pieces[0])] + pieces.dropFirst().map { indent + safe($0) }
    }

    private func presence(room: String, name: String, change: Notice.Change) -> String {
        switch change {
        case .joined: "\(safe(name)) joined \(tag(room))"
        case .left: "\(safe(name)) left \(tag(room))"
        case .renamed(let old?): "\(safe(old)) is now \(safe(name))"
        case .renamed(nil): "someone in \(tag(room)) is now \(safe(name))"
        }
    }

    private func roomList(_ rooms: [ChatEvent.RoomCount]) -> String {
        guard !rooms.isEmpty else { return "no rooms yet" }
        return "rooms: " + rooms.map { "\(tag($0.room)) (\($0.members))" }.joined(separator: ", ")
    }

    private func recoveredSuffix(_ count: Int?) -> String {
        switch count {
        case nil: ""
        case 0?: ", nothing missed"
        case 1?: ", 1 missed message recovered"
        case let count?: ", \(count) missed messages recovered"
        }
    }

    private func lost(room: String, range: ClosedRange<UInt64>) -> String {
        let which = range.count == 1 ? "message \(range.lowerBound) was" : "messages \(range.lowerBound)–\(range.upperBound) were"
        return "\(tag(room)): \(which) missed and could not be recovered"
    }

    private func restarted(_ room: String, _ previous: UInt64, _ current: UInt64) -> String {
        "\(tag(room)) was reset on the server (seq \(previous) → \(current)), so messages you missed before that cannot be recovered"
    }

    private func tag(_ room: String) -> String { "#" + safe(room) }
    private func safe(_ text: some StringProtocol) -> String { SafeText.neutralised(text) }
    private func event(_ text: String) -> String { style.paint("* " + text, TextStyle.dim) }
    private func warning(_ text: String) -> String { style.paint("* " + text, TextStyle.yellow) }
    private func problem(_ text: String) -> String { style.paint("! " + text, TextStyle.red) }

    static func seconds(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) s"
    }

    static let helpLines = [
        "/join ROOM       join a room and talk there",
        "/leave ROOM      leave a room",
        "/switch ROOM     talk in another joined room",
        "/nick NAME       change your name",
        "/rooms           list the server's rooms",
        "/who [ROOM]      list a room's members",
        "/broadcast TEXT  send to everyone connected",
        "/quit            leave (also Ctrl-C, or Ctrl-D on an empty line)",
        "anything else goes to the room in the prompt; //text sends /text",
    ]
}
