import WSClient
import WSProtocol
@testable import WSServer

/// A chat-server started in-process on a free loopback port with two event
/// loops (so cross-loop paths run), stopped gracefully by `stop()`.
final class TestServer {
    let server: Server

    init(_ configure: (inout ServerConfig) -> Void = { _ in }) throws {
        var config = ServerConfig()
        config.host = "127.0.0.1"
        config.port = 0
        config.threads = 2
        configure(&config)
        server = try Server(config: config)
        server.start()
    }

    var port: Int { server.port }

    func url(_ target: String = "/") -> WebSocketURL {
        WebSocketURL(host: "127.0.0.1", port: port, target: target)
    }

    func connect(_ target: String = "/", origin: String? = nil) throws -> WebSocketClient {
        try WebSocketClient.connect(to: url(target), origin: origin, timeout: 5)
    }

    func stop() {
        server.shutDown()
        server.wait()
    }
}
