import SystemKit
import WSServer

/// What `chat-server token` is asked to mint, from its arguments:
/// `--flag VALUE` or `--flag=VALUE`, `--broadcast` alone, `-h`/`--help`.
struct TokenOptions {
    var secretFile: String?
    var subject: String?
    var name: String?
    var rooms: [String]?
    var mayBroadcast = false
    var lifetime: Int64 = 3600
    var showHelp = false

    /// Ten years: longer-lived tokens are a mistake more often than not.
    static let maxLifetime: Int64 = 315_360_000

    static func parse(_ arguments: [String]) throws(UsageError) -> TokenOptions {
        var options = TokenOptions()
        var reader = ArgumentReader(arguments)
        while let argument = reader.next() {
            switch argument.text {
            case "-h", "--help": options.showHelp = true
            case "--broadcast": options.mayBroadcast = true
            default: try options.apply(argument, &reader)
            }
        }
        guard options.showHelp || (options.secretFile != nil && options.subject != nil) else {
            throw UsageError(message: "token needs --secret-file FILE and --sub USER")
        }
        return options
    }

    private mutating func apply(_ argument: ArgumentReader.Argument, _ reader: inout ArgumentReader) throws(UsageError) {
        let name = argument.name
        guard ["--secret-file", "--sub", "--name", "--rooms", "--ttl"].contains(name) else {
            throw UsageError(message: "token: unknown option '\(name)'")
        }
        guard let value = reader.value(of: argument) else {
            throw UsageError(message: "token: \(name) needs a value")
        }
        switch name {
        case "--secret-file": secretFile = value
        case "--sub": subject = try Self.subject(value)
        case "--name": self.name = value
        case "--rooms": rooms = try Self.rooms(value)
        default: lifetime = try Self.lifetime(value)
        }
    }

    private static func subject(_ value: String) throws(UsageError) -> String {
        guard TokenClaims.isValidSubject(value) else {
            throw UsageError(message: "token: --sub must be 1 to 64 characters, none of them control or invisible")
        }
        return value
    }

    /// `team,proj-*`: comma-separated, spaces around entries ignored; an
    /// empty value is the empty list, a token that lets its holder into no room.
    private static func rooms(_ value: String) throws(UsageError) -> [String] {
        guard value.contains(where: { $0 != " " }) else { return [] }
        let entries = value.split(separator: ",", omittingEmptySubsequences: false).map { entry in
            String(entry.drop { $0 == " " }.dropLast(entry.reversed().prefix { $0 == " " }.count))
        }
        for entry in entries where !TokenClaims.isValidRoomPattern(entry) {
            throw UsageError(message: "token: --rooms entry '\(entry)' is neither a room name (1-64 of A-Z a-z 0-9 _ . -) nor one followed by *, nor * alone")
        }
        return entries
    }

    private static func lifetime(_ value: String) throws(UsageError) -> Int64 {
        guard let seconds = Int64(value), (1...maxLifetime).contains(seconds) else {
            throw UsageError(message: "token: --ttl needs whole seconds from 1 to \(maxLifetime), got '\(value)'")
        }
        return seconds
    }
}
