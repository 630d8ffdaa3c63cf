/// The host and port of a `redis://` URL: `name`, `1.2.3.4` or `[::1]`,
/// then an optional `:PORT`.
extension RedisURL {
    static func hostAndPort(_ text: ArraySlice<UInt8>) throws(RedisURLError) -> (String, Int) {
        guard !text.isEmpty else { throw .missingHost }
        if text.first == UInt8(ascii: "[") {
            return try bracketedHost(text)
        }
        let colon = text.firstIndex(of: UInt8(ascii: ":")) ?? text.endIndex
        let host = text[..<colon]
        guard host.allSatisfy({ isLetter($0) || isDigit($0) || "-._".utf8.contains($0) }),
              !text[colon...].dropFirst().contains(UInt8(ascii: ":"))
        else { throw .invalidHost(String(decoding: text, as: UTF8.self)) }
        guard !host.isEmpty else { throw .missingHost }
        return (String(decoding: host, as: UTF8.self), try port(text[colon...]))
    }

    /// `[IPv6]` and an optional port. The address is checked for its
    /// alphabet only (hex digits, `:`, `.`); the resolver has the last word.
    private static func bracketedHost(_ text: ArraySlice<UInt8>) throws(RedisURLError) -> (String, Int) {
        guard let close = text.firstIndex(of: UInt8(ascii: "]")) else {
            throw .invalidHost(String(decoding: text, as: UTF8.self))
        }
        let address = text[(text.startIndex + 1)..<close]
        guard address.contains(UInt8(ascii: ":")),
              address.allSatisfy({ hexValue($0) != nil || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") })
        else { throw .invalidHost(String(decoding: text[...close], as: UTF8.self)) }
        return (String(decoding: address, as: UTF8.self), try port(text[(close + 1)...]))
    }

    /// Nothing (the default port) or `:` and 1-5 digits in 1...65535.
    private static func port(_ text: ArraySlice<UInt8>) throws(RedisURLError) -> Int {
        guard let first = text.first else { return defaultPort }
        let digits = text.dropFirst()
        let shown = String(decoding: digits, as: UTF8.self)
        guard first == UInt8(ascii: ":") else { throw .invalidHost(String(decoding: text, as: UTF8.self)) }
        guard (1...5).contains(digits.count), digits.allSatisfy(isDigit), let port = Int(shown), (1...65535).contains(port)
        else { throw .invalidPort(shown) }
        return port
    }
}
