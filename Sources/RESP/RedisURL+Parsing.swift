/// Parsing `redis://[[USER]:PASSWORD@]HOST[:PORT][/DB]` (RFC 3986 syntax:
/// the authority ends at the first `/`, `?` or `#`; the user information at
/// its last `@`). Works on UTF-8 bytes, so percent-decoding yields any byte.
extension RedisURL {
    public init(parsing text: String) throws(RedisURLError) {
        let bytes = Array(text.utf8)
        let rest = try Self.afterScheme(bytes[...])
        let authorityEnd = rest.firstIndex { "/?#".utf8.contains($0) } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        var hostAndPort = authority
        var username: String?
        var password: [UInt8]?
        if let at = authority.lastIndex(of: UInt8(ascii: "@")) {
            (username, password) = try Self.credentials(authority[..<at])
            hostAndPort = authority[(at + 1)...]
        }
        let (host, port) = try Self.hostAndPort(hostAndPort)
        let database = try Self.database(rest[authorityEnd...])
        self.init(host: host, port: port, database: database, username: username, password: password)
    }

    /// What follows `redis://`. A scheme with characters RFC 3986 does not
    /// allow is not echoed back: it may be a mistyped password.
    private static func afterScheme(_ bytes: ArraySlice<UInt8>) throws(RedisURLError) -> ArraySlice<UInt8> {
        let separator = Array("://".utf8)
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), bytes[colon...].starts(with: separator) else {
            throw .missingScheme
        }
        let scheme = bytes[..<colon]
        guard let first = scheme.first, isLetter(first),
              scheme.allSatisfy({ isLetter($0) || isDigit($0) || "+-.".utf8.contains($0) })
        else { throw .missingScheme }
        let name = String(decoding: scheme, as: UTF8.self).lowercased()
        guard name == "redis" else { throw .unsupportedScheme(name) }
        return bytes[(colon + separator.count)...]
    }

    /// `:PASSWORD` or `USER:PASSWORD`, both percent-decoded.
    private static func credentials(_ userInfo: ArraySlice<UInt8>) throws(RedisURLError) -> (String?, [UInt8]) {
        guard let colon = userInfo.firstIndex(of: UInt8(ascii: ":")) else {
            throw .invalidUserInfo("expected ':PASSWORD' or 'USER:PASSWORD'")
        }
        guard userInfo.allSatisfy({ $0 > 0x20 && $0 != 0x7F }) else {
            throw .invalidUserInfo("spaces and control characters must be percent-encoded")
        }
        let password = try percentDecoded(userInfo[(colon + 1)...], part: "password")
        guard !password.isEmpty else { throw .invalidUserInfo("empty password") }
        let user = userInfo[..<colon]
        guard !user.isEmpty else { return (nil, password) }
        guard let name = String(validating: try percentDecoded(user, part: "user name"), as: UTF8.self) else {
            throw .invalidPercentEncoding(part: "user name")
        }
        return (name, password)
    }

    private static func percentDecoded(_ text: ArraySlice<UInt8>, part: String) throws(RedisURLError) -> [UInt8] {
        var result: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            guard text[index] == UInt8(ascii: "%") else {
                result.append(text[index])
                index += 1
                continue
            }
            guard index + 2 < text.endIndex, let high = hexValue(text[index + 1]), let low = hexValue(text[index + 2]) else {
                throw .invalidPercentEncoding(part: part)
            }
            result.append(high << 4 | low)
            index += 3
        }
        return result
    }

    /// Nothing, `/`, or `/N`: the database number.
    private static func database(_ suffix: ArraySlice<UInt8>) throws(RedisURLError) -> Int {
        guard !suffix.contains(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) else { throw .unsupportedSuffix }
        let digits = suffix.dropFirst()
        guard !digits.isEmpty else { return 0 }
        guard digits.count <= 10, digits.allSatisfy(isDigit),
              let number = Int(String(decoding: digits, as: UTF8.self)), number <= Int(Int32.max)
        else { throw .invalidDatabase(String(decoding: suffix, as: UTF8.self)) }
        return number
    }

    static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        if isDigit(byte) { return byte - UInt8(ascii: "0") }
        let lower = byte | 0x20
        guard (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(lower) else { return nil }
        return lower - UInt8(ascii: "a") + 10
    }
}
