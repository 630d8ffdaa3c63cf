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
            messageLines(stamp: message.ts, place: style.paint(tag(message.room), TextStyle.cyan),
                         speaker: speaker(message.name, user: message.user, own: own), text: message.text)
        case .broadcast(let broadcast, let own):
            messageLines(stamp: broadcast.ts, place: style.paint("[broadcast]", TextStyle.yellow),
                         speaker: speaker(broadcast.name, user: broadcast.user, own: own), text: broadcast.text)
        case .unrecognised(let text):
            text.split(separator: "\n", omittingEmptySubsequences: false).map { "< " + safe($0) }
        case .sentRaw(let text):
            ["> " + safe(text)]
        case .binary(let count):
            ["< [binary message, \(count) bytes]"]
        case .help:
            Self.helpLines.map { event($0) }
        case .presence, .joinedRoom, .rejoinedRoom, .leftRoom, .switchedRoom, .roomList, .members, .renamed,
             .refused, .notDelivered, .joinRetry, .connected, .welcomed, .disconnected, .reconnecting,
             .reconnectFailed, .notReconnecting, .messagesLost, .historyNotRecovered, .historyLost, .roomRestarted,
             .hint:
            statusLine(notice).map { [$0] } ?? []
        }
    }

    /// The one-line notices; nil for those `lines` formats itself.
    private func statusLine(_ notice: Notice) -> String? {
        switch notice {
        case .presence(let room, let member, let change): event(presence(room: room, member: member, change: change))
        case .joinedRoom(let room, let members): event("joined \(tag(room)) (\(members) \(members == 1 ? "member" : "members"))")
        case .rejoinedRoom(let room, let recovered): event("rejoined \(tag(room))" + recoveredSuffix(recovered))
        case .leftRoom(let room): event("left \(tag(room))")
        case .switchedRoom(let room): event("now talking in \(tag(room))")
        case .roomList(let rooms, let total): event(roomList(rooms, total: total))
        case .members(let room, let members, let ownID, let total):
            event(memberList(room: room, members: members, ownID: ownID, total: total))
        case .renamed(let name): event("you are now \(label(name, user: nil))")
        case .refused(let error): problem("error: \(safe(error.message)) (\(error.code.rawValue))")
        case .notDelivered: problem(Self.notDelivered)
        case .joinRetry(let room, let delay): warning(joinRetry(room: room, delay: delay))
        case .connected(let url, let again): event("\(again ? "reconnected" : "connected") to \(safe(url))")
        case .welcomed(let name, let user): event(welcome(name: name, user: user))
        case .disconnected(let why): warning(safe(why.explanation))
        case .reconnecting(let delay): warning("reconnecting in \(Self.seconds(delay))")
        case .reconnectFailed(let why, let delay): warning("reconnect failed (\(safe(why))), next try in \(Self.seconds(delay))")
        case .notReconnecting(let why): warning("not reconnecting: \(safe(why))")
        case .messagesLost(let room, let range): warning(lost(room: room, range: range))
        case .historyNotRecovered(let room): warning(notRecovered(room))
        case .historyLost(let room): warning(historyLost(room))
        case .roomRestarted(let room, let previous, let current): warning(restarted(room, previous, current))
        case .hint(let text): event(text)
        case .message, .broadcast, .unrecognised, .sentRaw, .binary, .help: nil
        }
    }

    private func messageLines(stamp: Int64, place: String, speaker: String, text: String) -> [String] {
        let prefix = "\(style.paint("[\(clock(stamp))]", TextStyle.dim)) \(place) \(speaker): "
        let pieces = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        // Continuation lines are indented, so a message can never pass off
        // one of its lines as a message of someone else.
        let indent = String(repeating: " ", count: 4)
        return [prefix + safe(pieces[0])] + pieces.dropFirst().map { indent + safe($0) }
    }

    /// A message's author: yours in green, a verified user's in blue, a guest's in bold.
    private func speaker(_ name: String, user: String?, own: Bool) -> String {
        let colour = own ? TextStyle.green : user != nil ? TextStyle.blue : TextStyle.bold
        return style.paint(label(name, user: user) + (own ? " (you)" : ""), colour)
    }

    func tag(_ room: String) -> String { "#" + safe(room) }
    func safe(_ text: some StringProtocol) -> String { SafeText.neutralised(text) }
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
        "names marked ✓ are users the server verified; the others are guests",
    ]
}
