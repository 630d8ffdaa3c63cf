import WSProtocol
import RESP

/// How a node talks to Redis and what it asks of the room scripts.
struct BackplaneSettings: Sendable {
    let url: RedisURL
    let endpoint: RedisEndpoint
    /// This node's id: random per start, the prefix of its clients' public ids.
    let node: String
    let historySize: Int
    /// Seconds an empty room's keys live after its last activity.
    let historyTTL: Int
    /// Seconds after which a silent node's members are announced gone.
    let nodeTimeout: Double

    /// The settings for `config`'s `--redis`, with the host resolved now
    /// (a name would block a loop on DNS at every reconnect).
    init(config: ServerConfig) throws(ServerError) {
        var url: RedisURL
        do {
            url = try RedisURL(parsing: config.redis ?? "")
            if let password = config.redisPassword { url.password = password }
            endpoint = try RedisEndpoint.resolve(host: url.host, port: url.port)
        } catch {
            throw .invalidConfiguration("--redis: \(error)")
        }
        self.url = url
        node = BackplaneSettings.newNodeID()
        historySize = config.chat.historySize
        historyTTL = Int(config.chat.historyTTL.rounded(.up))
        nodeTimeout = config.nodeTimeout
    }

    /// A fresh node id: 8 characters of `a-z0-9`.
    static func newNodeID() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)
        return String(decoding: SecureRandom.bytes(8).map { alphabet[Int($0) % alphabet.count] }, as: UTF8.self)
    }

    /// How often heartbeats (and the check for dead nodes) and pub/sub pings
    /// go out: a quarter of the node timeout.
    var heartbeatInterval: Double { max(0.25, nodeTimeout / 4) }

    /// Silence after which a node counts as dead: two missed heartbeats.
    /// A node that dies right after a heartbeat is seen dead at the first
    /// check past that, so its members are announced gone within three
    /// quarters of the node timeout.
    var deadAfter: Double { nodeTimeout / 2 }
}
