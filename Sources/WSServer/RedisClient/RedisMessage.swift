import RESP

/// A pub/sub message pushed to a subscriber connection: RESP2's
/// `["message", channel, payload]`, or `["pmessage", pattern, channel,
/// payload]` for a pattern subscription. Bytes as published.
struct RedisMessage: Hashable, Sendable {
    var channel: [UInt8]
    var payload: [UInt8]
    /// The PSUBSCRIBE pattern that matched; nil for a plain subscription.
    var pattern: [UInt8]?

    private static let message = Array("message".utf8)
    private static let patternMessage = Array("pmessage".utf8)

    /// The message a push carries, or nil if `value` is not a message push.
    init?(push value: RESPValue) {
        guard case .array(let elements?) = value, case .bulkString(let kind?) = elements.first else { return nil }
        switch (kind, elements.count) {
        case (Self.message, 3):
            guard case .bulkString(let channel?) = elements[1], case .bulkString(let payload?) = elements[2] else { return nil }
            self.init(channel: channel, payload: payload)
        case (Self.patternMessage, 4):
            guard case .bulkString(let pattern?) = elements[1], case .bulkString(let channel?) = elements[2],
                  case .bulkString(let payload?) = elements[3]
            else { return nil }
            self.init(channel: channel, payload: payload, pattern: pattern)
        default:
            return nil
        }
    }

    init(channel: [UInt8], payload: [UInt8], pattern: [UInt8]? = nil) {
        self.channel = channel
        self.payload = payload
        self.pattern = pattern
    }
}
