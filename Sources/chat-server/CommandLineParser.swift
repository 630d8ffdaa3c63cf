import SystemKit
import WSServer

/// Turns `argv` into `Settings`: `--flag VALUE` or `--flag=VALUE`, plus
/// `--help` and `--version`.
enum CommandLineParser {
    static func parse(_ arguments: [String]) throws(UsageError) -> Settings {
        var settings = Settings()
        var reader = ArgumentReader(arguments)
        while let argument = reader.next() {
            switch argument.text {
            case "-h", "--help": settings.showHelp = true
            case "--version": settings.showVersion = true
            default: try apply(argument, &reader, to: &settings)
            }
        }
        return settings
    }

    private static func apply(
        _ argument: ArgumentReader.Argument, _ reader: inout ArgumentReader, to settings: inout Settings
    ) throws(UsageError) {
        guard let option = Options.all.first(where: { $0.name == argument.name }) else {
            throw UsageError(message: "unknown option '\(argument.name)'")
        }
        guard let value = reader.value(of: argument) else {
            throw UsageError(message: "\(option.name) needs a value (\(option.placeholder))")
        }
        try option.apply(&settings, value)
    }

    static var usage: String {
        let width = Options.all.map { $0.name.count + $0.placeholder.count + 1 }.max() ?? 0
        var text = """
        chat-server \(Version.current): a WebSocket (RFC 6455) chat and broadcast server

        Usage: chat-server [--host ADDR] [--port N] [options]
               chat-server token --secret-file FILE --sub USER [...]   (mints a token; token --help)

        Endpoints on one port: ws://HOST:PORT/ chat (protocol in docs/protocol.md),
        ws://HOST:PORT/echo echo, http://HOST:PORT/ browser page, /health, /metrics.

        Options (durations in seconds, fractions allowed):

        """
        for option in Options.all {
            let flag = "\(option.name) \(option.placeholder)"
            text += "  " + flag + String(repeating: " ", count: width - flag.count + 2) + option.help + "\n"
        }
        text += "  -h, --help" + String(repeating: " ", count: width - 8) + "show this help\n"
        text += "  --version" + String(repeating: " ", count: width - 7) + "show the version\n"
        text += "\nSIGINT/SIGTERM shut down gracefully (clients get 1001); a second one exits at once.\n"
        text += "With --tls-cert, SIGHUP loads the certificate and key again for new connections;\n"
        text += "without it, SIGHUP is logged and changes nothing.\n"
        return text
    }
}

/// The release this binary was built from, and the commit.
enum Version {
    static let number = "0.2.0"
    static var current: String { "\(number) (commit \(BuildInfo.commit))" }
}
