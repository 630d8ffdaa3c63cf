/// `HTTP-version` of RFC 9112 section 2.3: `HTTP/` DIGIT `.` DIGIT.
public struct HTTPVersion: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let major: Int
    public let minor: Int

    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    public static let http1_0 = HTTPVersion(major: 1, minor: 0)
    public static let http1_1 = HTTPVersion(major: 1, minor: 1)

    public static func < (lhs: HTTPVersion, rhs: HTTPVersion) -> Bool {
        (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
    }

    public var description: String { "HTTP/\(major).\(minor)" }

    /// Reads the eight bytes of `HTTP-version`; the name is case-sensitive.
    /// A well-formed version other than 1.x is `unsupportedVersion` (505),
    /// anything else `invalidVersion` (400).
    static func parse(_ bytes: UnsafeRawBufferPointer) throws(HTTPParseError) -> HTTPVersion {
        let prefix: StaticString = "HTTP/"
        guard bytes.count == 8, ASCII.isDigit(bytes[5]), bytes[6] == ASCII.dot, ASCII.isDigit(bytes[7]),
              prefix.withUTF8Buffer({ $0.elementsEqual(bytes[0..<5]) })
        else { throw .invalidVersion }
        let version = HTTPVersion(major: Int(bytes[5] - 0x30), minor: Int(bytes[7] - 0x30))
        guard version.major == 1 else { throw .unsupportedVersion(version) }
        return version
    }
}
