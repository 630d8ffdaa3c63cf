import CEpoll
import Glibc

/// A running chat-server: the event loops and their threads, the listener
/// (on loop 0) and the room registry (on loop 0's executor).
///
/// `start()` returns once every loop runs; `shutDown()` (or SIGINT/SIGTERM
/// when `handleSignals` is set) stops accepting, sends every session
/// `1001 server shutting down`, waits up to `--shutdown-timeout` for the
/// closes, and lets `wait()` return. With a TLS certificate, `reloadTLS()`
/// (or SIGHUP) loads it again for new connections.
public final class Server: @unchecked Sendable {
    public let config: ServerConfig
    public let metrics: ServerMetrics
    /// The bound port: the kernel's choice when the config asked for 0.
    public let port: Int
    let loops: [EventLoop]
    let registry: RoomRegistry
    /// The certificate and key, when the port speaks TLS.
    let tls: TLSCredentials?
    private var threads: [pthread_t] = []
    private var shutdownRequested = false

    public init(config: ServerConfig, handleSignals: Bool = false) throws(ServerError) {
        try config.validate()
        _ = ProcessInfo.startNanos
        ServerConfig.raiseDescriptorLimit()
        signal(SIGPIPE, SIG_IGN)
        self.config = config
        let backplane = try config.redis.map { _ throws(ServerError) in try BackplaneSettings(config: config) }
        metrics = ServerMetrics(backplane: backplane.map { _ in BackplaneStatus() })
        let gate = ConnectionGate(maxHandshakes: config.maxHandshakes, maxPerAddress: config.maxConnectionsPerAddress)
        if let certificate = config.tlsCertificateFile, let key = config.tlsKeyFile {
            tls = try TLSCredentials(certificateFile: certificate, keyFile: key)
        } else {
            tls = nil
        }
        var loops: [EventLoop] = []
        for index in 0..<config.threads {
            loops.append(try EventLoop(index: index, config: config, metrics: metrics, gate: gate, tls: tls))
        }
        self.loops = loops
        var rules = config.chatRules
        var remote: RedisBackplane?
        if let backplane, let status = metrics.backplane {
            rules.idPrefix = backplane.node + "."
            remote = RedisBackplane(settings: backplane, status: status, host: loops[0])
        }
        registry = RoomRegistry(config: rules, executor: loops[0], remote: remote)
        loops[0].backplane = remote
        for loop in loops { loop.peers = loops }
        loops[0].registry = registry
        let listener = try Listener(host: config.host, port: config.port, backlog: config.listenBacklog)
        port = listener.port
        try loops[0].startListening(listener)
        if handleSignals { try installSignalHandling() }
    }

    private func installSignalHandling() throws(ServerError) {
        let source = try SignalSource { [unowned self] signal in
            if signal == SIGHUP {
                guard usesTLS else { return Log.info("SIGHUP: nothing to reload without --tls-cert; still serving") }
                try? reloadTLS()
                return
            }
            if shutdownRequested {
                Log.warn("second signal \(signal): exiting now")
                exit(1)
            }
            Log.info("signal \(signal): shutting down (again to exit at once)")
            shutDown()
        }
        loops[0].signals = source
        try loops[0].epoll.add(source.fd, token: EventLoop.signalToken, interest: .readable)
    }

    /// Whether the port speaks TLS (wss:// and https://).
    public var usesTLS: Bool { tls != nil }

    /// Loads the TLS certificate and key again from their files, for new
    /// connections; live ones keep theirs. On failure the current pair
    /// stays and the error says why. Logs either way. From any thread.
    public func reloadTLS() throws(ServerError) {
        guard let tls else { throw .invalidConfiguration("no TLS certificate to reload (see --tls-cert)") }
        do {
            try tls.reload()
            Log.info("TLS certificate reloaded from \(tls.certificateFile); new connections use it")
        } catch {
            Log.error("TLS reload failed, keeping the current certificate: \(error)")
            throw error
        }
    }

    /// Starts one thread per loop.
    public func start() {
        threads = loops.map { loop in LoopThread.spawn(name: "loop-\(loop.index)") { loop.run() } }
    }

    /// Graceful shutdown, from any thread; idempotent.
    public func shutDown() {
        shutdownRequested = true
        for loop in loops { loop.post([.shutDown]) }
    }

    /// Blocks until every loop has finished (after `shutDown`).
    public func wait() {
        for thread in threads { pthread_join(thread, nil) }
        threads = []
    }
}
