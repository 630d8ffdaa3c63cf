/// Where a Redis server is and how to log in to it, from
/// `redis://[[USER]:PASSWORD@]HOST[:PORT][/DB]`: the port defaults to 6379
/// and the database to 0; an IPv6 host is written in brackets; the user and
/// password are percent-decoded (so a password may hold any byte).
///
/// Every textual form of a `RedisURL` (`description`, string interpolation,
/// `dump`) is `redacted`: the password never reaches a log line.
public struct RedisURL: Hashable, Sendable {
    public static let defaultPort = 6379

    /// A name or address, without brackets for IPv6.
    public var host: String
    public var port: Int
    public var database: Int
    /// An ACL user for `AUTH user password`; nil for the default user.
    public var username: String?
    /// The password for AUTH, as bytes; nil to skip AUTH.
    public var password: [UInt8]?

    public init(host: String, port: Int = defaultPort, database: Int = 0, username: String? = nil, password: [UInt8]? = nil) {
        self.host = host
        self.port = port
        self.database = database
        self.username = username
        self.password = password
    }

    /// The URL with `***` in place of the password, for logs.
    public var redacted: String {
        var text = "redis://"
        if password != nil {
            text += (username.map(Self.percentEncoded) ?? "") + ":***@"
        }
        text += host.contains(":") ? "[\(host)]" : host
        return text + ":\(port)/\(database)"
    }

    /// Escapes what would end the user part, so a logged name reads back the same.
    private static func percentEncoded(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            let scalar = Unicode.Scalar(byte)
            let keep = byte < 0x80 && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-._~".unicodeScalars.contains(scalar))
            result += keep ? String(scalar) : "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
        }
        return result
    }
}

extension RedisURL: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { redacted }
    public var debugDescription: String { redacted }
    public var customMirror: Mirror { Mirror(self, children: ["url": redacted], displayStyle: .struct) }
}
