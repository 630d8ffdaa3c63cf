import SystemKit
import WSClient

/// What the command line asks for.
public struct ClientOptions: Equatable, Sendable {
    public static let defaultURL = WebSocketURL(host: "127.0.0.1", port: 8765, target: "/")

    public var url = defaultURL
    public var rooms: [String] = []
    public var name: String?
    /// A bearer token for the upgrade request (`--token`, else `CHAT_TOKEN`).
    public var token: String?
    /// Whom a wss:// connection trusts (`--ca-file`, `--insecure`).
    public var tls = TLSClientOptions()
    public var color = true
    /// Pipe mode even on a terminal.
    public var json = false
    public var showHelp = false

    /// Parses the arguments after the program name. `--opt VALUE` and
    /// `--opt=VALUE` both work; at most one URL. `environment` supplies
    /// `CHAT_TOKEN` when there is no `--token` (an environment variable does
    /// not show in the process list as an argument does).
    public static func parse(_ arguments: [String], environment: [String: String] = [:]) throws(UsageError) -> ClientOptions {
        var options = ClientOptions()
        options.token = environment["CHAT_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        var reader = ArgumentReader(arguments)
        var sawURL = false
        while let argument = reader.next() {
            let flag = argument.name
            switch flag {
            case "-h", "--help": options.showHelp = true
            case "--no-color": options.color = false
            case "--json": options.json = true
            case "--room": options.rooms.append(try value(of: argument, &reader))
            case "--name": options.name = try value(of: argument, &reader)
            case "--token": options.token = try token(try value(of: argument, &reader))
            case "--ca-file": options.tls.trustedCertificatesFile = try value(of: argument, &reader)
            case "--insecure": options.tls.verifiesCertificate = false
            case _ where flag.hasPrefix("-") && flag.count > 1:
                throw UsageError(message: "unknown option '\(flag)'")
            default:
                guard !sawURL else { throw UsageError(message: "only one URL, got a second: '\(argument.text)'") }
                sawURL = true
                options.url = try url(argument.text)
            }
        }
        return options
    }

    private static func value(of argument: ArgumentReader.Argument, _ reader: inout ArgumentReader) throws(UsageError) -> String {
        guard let value = reader.value(of: argument) else { throw UsageError(message: "\(argument.name) needs a value") }
        return value
    }

    private static func token(_ text: String) throws(UsageError) -> String {
        guard !text.isEmpty else { throw UsageError(message: "--token needs a value") }
        return text
    }

    private static func url(_ text: String) throws(UsageError) -> WebSocketURL {
        do {
            return try WebSocketURL(parsing: text)
        } catch {
            throw UsageError(message: error.description)
        }
    }
}
