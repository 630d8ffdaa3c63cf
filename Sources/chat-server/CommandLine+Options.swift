import SystemKit
import WSServer

/// One command-line flag: its name, the placeholder and help `--help`
/// prints, and how its value lands in the configuration.
struct Option: Sendable {
    let name: String
    let placeholder: String
    let help: String
    let apply: @Sendable (inout Settings, String) throws(UsageError) -> Void
}

/// What the command line decides: the server configuration, the log level,
/// and whether to print help or the version instead of running.
struct Settings {
    var config = ServerConfig()
    var logLevel = Log.Level.info
    var showHelp = false
    var showVersion = false
}

/// The flags `chat-server` understands, in the order `--help` lists them.
enum Options {
    static let all: [Option] = [
        text("--host", "ADDR", "address to listen on, IPv4 or IPv6 (default 0.0.0.0)") { $0.config.host = $1 },
        integer("--port", "N", "TCP port; 0 picks a free one (default 8765)") { $0.config.port = $1 },
        integer("--threads", "N", "event loops, one thread each (default: usable CPUs, here \(ServerConfig().threads))") { $0.config.threads = $1 },
        integer("--max-message-size", "BYTES", "largest chat message, fragments summed; 1009 beyond (default 65536)") { $0.config.maxMessageSize = $1 },
        choice("--echo", "local|public|off", "who may use the /echo endpoint: loopback clients, anyone, nobody (default local)") { $0.config.echo = $1 },
        integer("--echo-max-message-size", "BYTES", "largest message on /echo (default 16777216)") { $0.config.echoMaxMessageSize = $1 },
        integer("--history", "N", "messages kept per room for joined.history and since; 0 disables (default 100)") { $0.config.chat.historySize = $1 },
        number("--history-ttl", "S", "an empty room keeps its epoch, seq and history this long after its last activity (default 3600)") { $0.config.chat.historyTTL = $1 },
        integer("--history-memory", "BYTES", "history kept by all rooms together; longest-idle empty rooms go first (default 268435456)") { $0.config.chat.historyMemory = $1 },
        text("--redis", "URL", "share rooms with every node given the same Redis: redis://[[USER]:PASSWORD@]HOST[:PORT][/DB] (default: rooms in memory)") { $0.config.redis = $1 },
        secretFile("--redis-password-file", "FILE", "with --redis, the Redis password (this file's bytes) instead of one in the URL, where ps shows it", .redisPassword) { $0.config.redisPassword = $1 },
        number("--node-timeout", "S", "with --redis, a node silent this long has its members announced gone (default 30)") { $0.config.nodeTimeout = $1 },
        integer("--max-rooms-per-client", "N", "rooms one client may join; beyond: too_many_rooms (default 32)") { $0.config.chat.maxRoomsPerClient = $1 },
        integer("--presence-limit", "N", "rooms with more members send no join/leave/nick presence (default 1000)") { $0.config.chat.presenceLimit = $1 },
        number("--rate-limit", "PER_S", "requests per second per client, bursts of twice that; 0 disables both budgets (default 20)") { $0.config.chat.rateLimit = $1 },
        number("--byte-rate", "BYTES_S", "bytes per second per client, text counted as it fans out; 0 disables (default 32768)") { $0.config.chat.byteRate = $1 },
        integer("--max-outbound", "BYTES", "bytes queued per client before it is closed 1008 slow consumer (default 1048576)") { $0.config.maxOutbound = $1 },
        integer("--max-connections", "N", "open WebSocket sessions; further upgrades get 503 (default: fd limit minus a margin, here \(ServerConfig().maxConnections))") { $0.config.maxConnections = $1 },
        integer("--max-connections-per-ip", "N", "connections one IPv4 address or IPv6 /64 may hold; beyond: 503 (default 1000)") { $0.config.maxConnectionsPerAddress = $1 },
        integer("--max-handshakes", "N", "connections still sending their request head; beyond, accepting waits (default 1024)") { $0.config.maxHandshakes = $1 },
        number("--idle-timeout", "S", "close clients silent this long with 1001 idle timeout, ping at half; 0 disables (default 60)") { $0.config.chat.idleTimeout = $1 },
        number("--sweep-interval", "S", "how often the idle sweep runs (default 30)") { $0.config.chat.sweepInterval = $1 },
        number("--handshake-timeout", "S", "time to send a complete request head, TLS handshake included (default 10)") { $0.config.handshakeTimeout = $1 },
        number("--message-timeout", "S", "time to finish a fragmented message once started (default 30)") { $0.config.messageTimeout = $1 },
        number("--close-timeout", "S", "time for the peer's close frame and TCP close after ours (default 5)") { $0.config.closeTimeout = $1 },
        number("--shutdown-timeout", "S", "on SIGINT/SIGTERM, time to wait for clients to close (default 5)") { $0.config.shutdownTimeout = $1 },
        integer("--max-head-size", "BYTES", "largest HTTP request head; 431 beyond (default 8192)") { $0.config.maxHeadSize = $1 },
        text("--deflate", "on|off", "accept permessage-deflate compression when a client offers it (default on)") { settings, value throws(UsageError) in
            switch value {
            case "on": settings.config.deflate = true
            case "off": settings.config.deflate = false
            default: throw UsageError(message: "--deflate must be on or off, got '\(value)'")
            }
        },
        text("--deflate-min-size", "BYTES", "with deflate, compress messages of at least this size (default \(ServerConfig().deflateMinSize))") { settings, value throws(UsageError) in
            guard let bytes = Int(value), bytes >= 0 else { throw UsageError(message: "--deflate-min-size needs a whole number of bytes, 0 or more, got '\(value)'") }
            settings.config.deflateMinSize = bytes
        },
        secretFile("--auth-secret-file", "FILE", "turn authentication on: HS256 tokens signed with this file's bytes (at least 32)", .tokenSecret) { $0.config.authSecret = $1 },
        choice("--auth", "required|optional", "with a secret: refuse chat clients without a token, or let them in as guests (default required)") { $0.config.authMode = $1 },
        secretFile("--api-key-file", "FILE", "turn the HTTP API on: backends send Authorization: Bearer <this file's bytes>", .apiKey) { $0.config.apiKey = $1 },
        text("--allowed-origin", "ORIGIN", "another browser origin allowed besides the page's own, repeatable; * allows any (default: own only)") { $0.config.allowedOrigins.append($1) },
        text("--tls-cert", "FILE", "serve wss:// and https:// only, with this PEM certificate (chain) file; SIGHUP reloads it") { $0.config.tlsCertificateFile = $1 },
        text("--tls-key", "FILE", "the PEM private key of --tls-cert") { $0.config.tlsKeyFile = $1 },
        text("--log-level", "LEVEL", "error, warn, info or debug (default info)") { settings, value throws(UsageError) in
            guard let level = Log.Level(name: value) else { throw UsageError(message: "--log-level must be error, warn, info or debug") }
            settings.logLevel = level
        },
    ]

    /// A file whose bytes are a secret, read now so a bad file stops the
    /// start with exit 2 and the file named.
    private static func secretFile(
        _ name: String, _ placeholder: String, _ help: String, _ kind: SecretFile.Kind,
        _ apply: @escaping @Sendable (inout Settings, [UInt8]) -> Void
    ) -> Option {
        Option(name: name, placeholder: placeholder, help: help) { settings, path throws(UsageError) in
            do {
                apply(&settings, try SecretFile.load(path, kind: kind))
            } catch {
                throw UsageError(message: "\(name): \(error)")
            }
        }
    }

    private static func choice<Choice: RawRepresentable & CaseIterable & SendableMetatype>(
        _ name: String, _ placeholder: String, _ help: String,
        _ apply: @escaping @Sendable (inout Settings, Choice) -> Void
    ) -> Option where Choice.RawValue == String {
        Option(name: name, placeholder: placeholder, help: help) { settings, value throws(UsageError) in
            guard let picked = Choice(rawValue: value) else {
                let names = Choice.allCases.map(\.rawValue).joined(separator: ", ")
                throw UsageError(message: "\(name) must be one of \(names), got '\(value)'")
            }
            apply(&settings, picked)
        }
    }

    private static func text(_ name: String, _ placeholder: String, _ help: String,
                             _ apply: @escaping @Sendable (inout Settings, String) throws(UsageError) -> Void) -> Option {
        Option(name: name, placeholder: placeholder, help: help, apply: apply)
    }

    private static func integer(_ name: String, _ placeholder: String, _ help: String,
                                _ apply: @escaping @Sendable (inout Settings, Int) -> Void) -> Option {
        Option(name: name, placeholder: placeholder, help: help) { settings, value throws(UsageError) in
            guard let number = Int(value) else { throw UsageError(message: "\(name) needs a whole number, got '\(value)'") }
            apply(&settings, number)
        }
    }

    private static func number(_ name: String, _ placeholder: String, _ help: String,
                               _ apply: @escaping @Sendable (inout Settings, Double) -> Void) -> Option {
        Option(name: name, placeholder: placeholder, help: help) { settings, value throws(UsageError) in
            guard let number = Double(value), number.isFinite else { throw UsageError(message: "\(name) needs a number, got '\(value)'") }
            apply(&settings, number)
        }
    }
}
