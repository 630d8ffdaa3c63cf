/// A line typed in interactive mode: a slash command or a message.
public enum Command: Equatable, Sendable {
    case join(String)
    case leave(String)
    case switchTo(String)
    case nick(String)
    case rooms
    case who(String?)
    case broadcast(String)
    case quit
    case help
    /// A message for the current room.
    case say(String)
    /// A slash command used wrongly, with what to tell the user.
    case invalid(String)

    /// `//text` sends `/text`, for the rare message that starts with a slash.
    public init(line: String) {
        guard line.hasPrefix("/") else {
            self = .say(line)
            return
        }
        if line.hasPrefix("//") {
            self = .say(String(line.dropFirst()))
            return
        }
        let parts = line.dropFirst().split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        let name = parts.first.map(String.init) ?? ""
        let argument = parts.count > 1 ? parts[1].trimmingSpaces : ""
        self = Self.parse(name: name.lowercased(), argument: argument)
    }

    private static func parse(name: String, argument: String) -> Command {
        switch name {
        case "join": required(argument, usage: "/join ROOM", Command.join)
        case "leave", "part": required(argument, usage: "/leave ROOM", Command.leave)
        case "switch": required(argument, usage: "/switch ROOM", Command.switchTo)
        case "nick": required(argument, usage: "/nick NAME", Command.nick)
        case "broadcast": required(argument, usage: "/broadcast TEXT", Command.broadcast)
        case "rooms": .rooms
        case "who": .who(argument.isEmpty ? nil : roomName(argument))
        case "quit", "exit": .quit
        case "help", "?": .help
        default: .invalid("unknown command /\(name) (try /help; start a message with // to send a leading /)")
        }
    }

    private static func required(_ argument: String, usage: String, _ make: (String) -> Command) -> Command {
        argument.isEmpty ? .invalid("usage: \(usage)") : make(usage.hasSuffix("ROOM") ? roomName(argument) : argument)
    }

    /// Rooms may be typed as `#lobby`, as the prompt shows them.
    private static func roomName(_ text: String) -> String {
        text.hasPrefix("#") ? String(text.dropFirst()) : text
    }
}

extension Substring {
    /// Without leading and trailing spaces.
    var trimmingSpaces: String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
