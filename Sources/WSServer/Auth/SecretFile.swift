import Glibc

/// Reads the secrets the server is given as files (never on the command
/// line, where `ps` shows them): the token signing secret
/// (`--secret-file`), the HTTP API key (`--api-key-file`) and the Redis
/// password (`--redis-password-file`).
///
/// The secret is the file's bytes without one trailing newline (`\n` or
/// `\r\n`, as `echo` and editors leave), so `openssl rand -hex 32 > F`
/// works as is. Limits, checked before the server starts:
/// - a token secret has at least 32 bytes: RFC 7518 section 3.2, "A key of
///   the same size as the hash output (for instance, 256 bits for "HS256")
///   or larger MUST be used with this algorithm";
/// - an API key has at least 16 bytes (128 bits, beyond guessing over
///   HTTP) and only the characters a bearer credential may hold (RFC 6750
///   section 2.1, `b64token`), since it travels in `Authorization: Bearer`;
/// - neither file holds more than 4096 bytes: a larger one is not a key.
public enum SecretFile {
    /// Which secret a file holds, for its limits and its error messages.
    public enum Kind: Sendable {
        case tokenSecret
        case apiKey
        case redisPassword

        public var minimumBytes: Int {
            switch self {
            case .tokenSecret: 32
            case .apiKey: 16
            case .redisPassword: 1
            }
        }

        var noun: String {
            switch self {
            case .tokenSecret: "secret file"
            case .apiKey: "API key file"
            case .redisPassword: "Redis password file"
            }
        }
    }

    public static let maximumBytes = 4096

    /// The secret in the file at `path`, checked against `kind`'s limits.
    public static func load(_ path: String, kind: Kind) throws(SecretFileError) -> [UInt8] {
        var bytes = try contents(of: path, kind: kind)
        if bytes.last == UInt8(ascii: "\n") {
            bytes.removeLast()
            if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        }
        guard bytes.count >= kind.minimumBytes else {
            throw SecretFileError(path: path, kind: kind, problem: .tooShort(bytes.count))
        }
        if case .apiKey = kind, !BearerCredentials.isB64Token(bytes[...]) {
            throw SecretFileError(path: path, kind: kind, problem: .notB64Token)
        }
        return bytes
    }

    /// Up to `maximumBytes` of the file; more is an error.
    private static func contents(of path: String, kind: Kind) throws(SecretFileError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw SecretFileError(path: path, kind: kind, problem: .unreadable(errno)) }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: maximumBytes + 1)
        var count = 0
        while count < bytes.count {
            let received = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + count, $0.count - count) }
            if received < 0 && errno == EINTR { continue }
            guard received >= 0 else { throw SecretFileError(path: path, kind: kind, problem: .unreadable(errno)) }
            guard received > 0 else { break }
            count += received
        }
        guard count <= maximumBytes else { throw SecretFileError(path: path, kind: kind, problem: .tooLong) }
        return Array(bytes[..<count])
    }
}
