import WSClient
import WSProtocol
import WSServer

/// A chat-server started in-process on a loopback port (a free one unless
/// given, so a test can restart "the same" server) with two event loops, so
/// cross-loop paths run; stopped gracefully by `stop()`. With a certificate
/// configured, its URLs are wss://.
public final class TestServer {
    public let server: Server

    public init(port: Int = 0, _ configure: (inout ServerConfig) -> Void = { _ in }) throws {
        var config = ServerConfig()
        config.host = "127.0.0.1"
        config.port = port
        config.threads = 2
        configure(&config)
        server = try Server(config: config)
        server.start()
    }

    /// Serving `certificates`' first pair: wss:// and https:// only.
    public convenience init(certificates: TestCertificates, _ configure: (inout ServerConfig) -> Void = { _ in }) throws {
        try self.init { config in
            config.tlsCertificateFile = certificates.certificateFile
            config.tlsKeyFile = certificates.keyFile
            configure(&config)
        }
    }

    public var port: Int { server.port }

    public func url(_ target: String = "/") -> WebSocketURL {
        WebSocketURL(host: "127.0.0.1", port: port, target: target, isSecure: server.usesTLS)
    }

    public func connect(
        _ target: String = "/", origin: String? = nil, deflate: Bool = false, tls: TLSClientOptions = TLSClientOptions()
    ) throws -> WebSocketClient {
        try WebSocketClient.connect(to: url(target), origin: origin, timeout: 5, deflate: deflate, tls: tls)
    }

    /// Graceful stop: every session gets `1001 server shutting down`.
    public func stop() {
        server.shutDown()
        server.wait()
    }
}
