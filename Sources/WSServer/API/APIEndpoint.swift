/// The API's paths, each with the one method it takes.
enum APIEndpoint: Equatable {
    case publish, broadcast, disconnect, rooms
    /// `/api/rooms/R/history`, the room still as written.
    case history(String)
    case members(String)

    /// Nil for a path under `/api/` that is none of these.
    init?(path: String) {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst(2).map(String.init)
        switch segments.count {
        case 1:
            switch segments[0] {
            case "publish": self = .publish
            case "broadcast": self = .broadcast
            case "disconnect": self = .disconnect
            case "rooms": self = .rooms
            default: return nil
            }
        case 3 where segments[0] == "rooms" && segments[2] == "history": self = .history(segments[1])
        case 3 where segments[0] == "rooms" && segments[2] == "members": self = .members(segments[1])
        default: return nil
        }
    }

    var method: String {
        switch self {
        case .publish, .broadcast, .disconnect: "POST"
        case .rooms, .history, .members: "GET"
        }
    }
}
