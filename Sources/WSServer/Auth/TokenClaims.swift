import ChatWire

/// The claims of a chat token (RFC 7519 section 4), checked against their
/// rules. The verifier builds one from a signed payload and `TokenMinter`
/// signs one, so a token either side accepts obeys the same rules:
///
/// - `sub`: the user id, 1 to 64 characters and at most 256 UTF-8 bytes,
///   without control, format (invisible) or line/paragraph separator
///   characters, so logs and the `user` field show it as it is. Not trimmed.
/// - `exp` (required), `nbf`, `iat`: NumericDates, JSON numbers of seconds
///   since 1970, fractions allowed and floored, up to the end of year 9999.
/// - `name`: the display name, under ChatWire's `Nickname` rules. Without
///   it the display name is `sub`, cut to its first 32 characters when
///   longer (a UUID is 36) and then held to the nickname rules; a `sub`
///   that still does not make a nickname (only spaces, say) is refused, so
///   the operator learns at once that the token needs a `name`.
/// - `rooms`: room names, or prefixes ending in `*` (`proj-*` lets in every
///   room starting with `proj-`, `*` alone every room); `[]` lets in none;
///   absent, any room.
/// - `broadcast`: `true` lets the holder send `broadcast`; default false.
public struct TokenClaims: Equatable, Sendable {
    public let subject: String
    /// The `name` claim as given; `displayName` is what the chat shows.
    public let name: Nickname?
    public let rooms: [String]?
    public let mayBroadcast: Bool
    /// Unix seconds.
    public let expiry: Int64
    public let notBefore: Int64?
    public let issuedAt: Int64?
    /// `name`, or the name derived from `sub` when there is none.
    public let displayName: Nickname

    public static let maxSubjectCharacters = 64
    public static let maxSubjectBytes = 256
    /// NumericDates from 1970 to the last second of 9999.
    public static let dateRange: ClosedRange<Int64> = 0...253_402_300_799

    /// Throws `bad_claims` when a value breaks its rule above.
    public init(
        subject: String, name: Nickname? = nil, rooms: [String]? = nil, mayBroadcast: Bool = false,
        expiry: Int64, notBefore: Int64? = nil, issuedAt: Int64? = nil
    ) throws(TokenRefusal) {
        guard Self.isValidSubject(subject) else {
            throw TokenRefusal(.badClaims, "sub must be 1 to 64 characters without control or invisible ones")
        }
        guard rooms?.allSatisfy(Self.isValidRoomPattern) ?? true else {
            throw TokenRefusal(.badClaims, "a rooms entry is neither a room name nor a prefix ending in *")
        }
        guard [expiry, notBefore, issuedAt].allSatisfy({ $0.map(Self.dateRange.contains) ?? true }) else {
            throw TokenRefusal(.badClaims, "exp, nbf and iat must be dates from 1970 to 9999")
        }
        guard let displayName = name ?? Self.nickname(fromSubject: subject) else {
            throw TokenRefusal(.badClaims, "no name claim, and sub does not make a valid nickname")
        }
        self.subject = subject
        self.name = name
        self.rooms = rooms
        self.mayBroadcast = mayBroadcast
        self.expiry = expiry
        self.notBefore = notBefore
        self.issuedAt = issuedAt
        self.displayName = displayName
    }

    public static func isValidSubject(_ subject: String) -> Bool {
        (1...maxSubjectCharacters).contains(subject.count) && subject.utf8.count <= maxSubjectBytes
            && subject.unicodeScalars.allSatisfy(isVisibleOrSpace)
    }

    /// A room name, a room name followed by `*`, or `*` alone.
    public static func isValidRoomPattern(_ pattern: String) -> Bool {
        guard pattern.hasSuffix("*") else { return RoomName(pattern) != nil }
        let prefix = String(pattern.dropLast())
        return prefix.isEmpty || RoomName(prefix) != nil
    }

    /// The display name a token without `name` gets.
    public static func nickname(fromSubject subject: String) -> Nickname? {
        Nickname(String(subject.prefix(Nickname.maxCharacters)))
    }

    private static func isVisibleOrSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: false
        default: true
        }
    }
}
