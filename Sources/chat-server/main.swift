import Glibc
import WSServer

/// Prints to stderr.
func complain(_ text: String) {
    var text = text
    text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
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
    let server = try Server(config: config, handleSignals: true)
    server.start()
    let chat = config.chat
    Log.info("chat-server listening on ws://\(config.host):\(server.port)/ (echo at /echo, page at http://\(config.host):\(server.port)/)")
    Log.info("threads \(config.threads), max message \(config.maxMessageSize) B (echo \(config.echoMaxMessageSize) B), max outbound \(config.maxOutbound) B, max connections \(config.maxConnections), history \(chat.historySize), rooms per client \(chat.maxRoomsPerClient), presence limit \(chat.presenceLimit), rate limit \(chat.rateLimit)/s, idle timeout \(chat.idleTimeout) s")
    server.wait()
    Log.info("chat-server stopped")
    exit(0)
} catch {
    complain("chat-server: \(error)\n")
    exit(1)
}
