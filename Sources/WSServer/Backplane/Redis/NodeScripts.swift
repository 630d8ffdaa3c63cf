/// The scripts about nodes rather than rooms.
enum NodeScripts {
    /// KEYS: the nodes set. ARGV: this node, the node timeout in
    /// milliseconds. Records this node as alive at Redis's own time and
    /// returns the nodes silent for longer than the timeout.
    static let heartbeat = RedisScript(name: "heartbeat", source: """
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
        redis.call('ZADD', KEYS[1], now, ARGV[1])
        return redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
        """)
}
