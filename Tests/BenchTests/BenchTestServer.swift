@testable import WSServer

/// A chat-server started in-process on a free loopback port with two event
/// loops, without rate limiting (the benchmark sends as fast as replies
/// come back), stopped gracefully by `stop()`.
final class BenchTestServer {
    let server: Server

    init(_ configure: (inout ServerConfig) -> Void = { _ in }) throws {
        var config = ServerConfig()
        config.host = "127.0.0.1"
        config.port = 0
        config.threads = 2
        config.chat.rateLimit = 0
        configure(&config)
        server = try Server(config: config)
        server.start()
    }

    var port: Int { server.port }

    func stop() {
        server.shutDown()
        server.wait()
    }
}
