/// Why `TokenVerifier` refused a token: a short label for metrics and logs,
/// and a sentence for people.
///
/// The message is a `StaticString` chosen by the verifier, so it cannot
/// carry the token or any part of it (a token is a credential, and a part
/// of one may be a user's data): it names the rule that failed, never the
/// value that failed it.
public struct TokenRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    /// The class of failure; `rawValue` is the metrics label.
    public enum Reason: String, CaseIterable, Sendable {
        /// Not three base64url parts of JSON objects, over the size limit,
        /// or a JSON object with a name given twice.
        case malformed
        /// `alg` is missing or anything but `HS256` (`none` included).
        case badAlg = "bad_alg"
        /// A header the verifier does not accept: `crit`, or a `typ` other than `JWT`.
        case badHeader = "bad_header"
        /// The signature is not the HMAC-SHA256 of the token under the secret.
        case badSignature = "bad_signature"
        /// A signed claim is missing or breaks its rule.
        case badClaims = "bad_claims"
        /// `exp` is more than the clock skew in the past.
        case expired
        /// `nbf` is more than the clock skew in the future.
        case notYetValid = "not_yet_valid"
        /// No token where the server requires one.
        case missing
    }

    public let reason: Reason
    private let text: StaticString

    public init(_ reason: Reason, _ message: StaticString) {
        self.reason = reason
        self.text = message
    }

    /// The metrics label: `malformed`, `bad_alg`, `bad_header`,
    /// `bad_signature`, `bad_claims`, `expired`, `not_yet_valid` or `missing`.
    public var label: String { reason.rawValue }

    /// What was wrong, in words; never any part of the token.
    public var message: String { text.description }

    public var description: String { "\(label): \(message)" }

    public static func == (lhs: TokenRefusal, rhs: TokenRefusal) -> Bool {
        lhs.reason == rhs.reason && lhs.message == rhs.message
    }
}
