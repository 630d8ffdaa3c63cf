@testable import WSServer

/// A chat-server in-process on loopback, on a free port or on a given one
/// (to restart "the same" server), with a short shutdown so restarts are quick.
final class BrowserTestServer {
    private let server: Server
    let port: Int

    init(port: Int = 0) throws {
        var config = ServerConfig()
        config.host = "127.0.0.1"
        config.port = port
        config.threads = 2
        config.shutdownTimeout = 2
        server = try Server(config: config)
        self.port = server.port
        server.start()
    }

    /// Graceful stop: every session gets `1001 server shutting down`.
    func stop() {
        server.shutDown()
        server.wait()
    }
}
