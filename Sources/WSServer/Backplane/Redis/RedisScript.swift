import ChatWire

import WSProtocol

/// A Lua script the backplane runs with EVALSHA: its source and the SHA-1
/// Redis knows it by (loaded with SCRIPT LOAD after each connect; a
/// NOSCRIPT reply after a Redis restart falls back to EVAL, which loads it).
struct RedisScript: Sendable {
    let name: String
    let source: String
    let sha: String

    init(name: String, source: String) {
        self.name = name
        self.source = source
        sha = SHA1.digest(Array(source.utf8)).map { byte in
            let hex = Array("0123456789abcdef".utf8)
            return String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 15)]], as: UTF8.self)
        }.joined()
    }
}
