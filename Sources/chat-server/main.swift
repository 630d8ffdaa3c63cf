import Glibc
import RESP
import WSServer

/// Writes straight to a descriptor (1 or 2), unbuffered.
func emit(_ text: String, to fd: Int32) {
    var text = text
    text.withUTF8 { _ = write(fd, $0.baseAddress, $0.count) }
}

/// Prints to stderr.
func complain(_ text: String) {
    emit(text, to: 2)
}

if CommandLine.arguments.count > 1, CommandLine.arguments[1] == "token" {
    exit(TokenCommand.run(Array(CommandLine.arguments.dropFirst(2))))
}

let settings: Settings
do {
    settings = try CommandLineParser.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    complain("chat-server: \(error.message)\nTry 'chat-server --help'.\n")
    exit(2)
}
if settings.showHelp {
    print(CommandLineParser.usage, terminator: "")
    exit(0)
}
if settings.showVersion {
    print("chat-server \(Version.current)")
    exit(0)
}
Log.level = settings.logLevel
let config = settings.config
do {
    try config.validate()
} catch {
    complain("chat-server: \(error)\nTry 'chat-server --help'.\n")
    exit(2)
}
do {
    let server = try Server(config: config, handleSignals: true)
    server.start()
    let chat = config.chat
    let (ws, http) = server.usesTLS ? ("wss", "https") : ("ws", "http")
    // Always printed, whatever the log level: scripts read the port from it.
    emit("chat-server listening on \(ws)://\(config.host):\(server.port)/ (echo at /echo, page at \(http)://\(config.host):\(server.port)/)\n", to: 1)
    if let redis = config.redis, let url = try? RedisURL(parsing: redis) {
        Log.info("rooms shared through Redis at \(url.redacted), node timeout \(config.nodeTimeout) s")
    }
    let auth = config.authSecret == nil ? "off" : (config.authMode ?? .required).rawValue
    let origins = config.allowedOrigins.isEmpty ? "own only" : "own and " + config.allowedOrigins.joined(separator: ", ")
    Log.info("tokens \(auth), HTTP API \(config.apiKey == nil ? "off" : "on"), echo \(config.echo.rawValue), origins \(origins)")
    Log.info("threads \(config.threads), max message \(config.maxMessageSize) B (echo \(config.echoMaxMessageSize) B), max outbound \(config.maxOutbound) B, max connections \(config.maxConnections), history \(chat.historySize), rooms per client \(chat.maxRoomsPerClient), presence limit \(chat.presenceLimit), rate limit \(chat.rateLimit)/s, idle timeout \(chat.idleTimeout) s, deflate \(config.deflate ? "on from \(config.deflateMinSize) B" : "off")")
    server.wait()
    Log.info("chat-server stopped")
    exit(0)
} catch {
    complain("chat-server: \(error)\n")
    // A setting only checked as the server starts (a certificate that
    // cannot be used) is a usage error like any other bad value.
    if case .invalidConfiguration = error { exit(2) }
    exit(1)
}
