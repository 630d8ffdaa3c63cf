import WSProtocol

/// The three parts of a JWS in compact serialization (RFC 7515 section
/// 7.1), `BASE64URL(header) '.' BASE64URL(payload) '.' BASE64URL(signature)`,
/// with header and signature decoded. The payload stays encoded until the
/// signature over it has been checked.
struct JWSParts {
    /// The ASCII the signature covers: header, dot, payload, as received.
    let signingInput: ArraySlice<UInt8>
    let header: [UInt8]
    let signature: [UInt8]
    private let encodedPayload: ArraySlice<UInt8>

    /// Exactly two dots, three non-empty parts of strict base64url.
    init(_ token: [UInt8]) throws(TokenRefusal) {
        let dot = UInt8(ascii: ".")
        let dots = token.indices.filter { token[$0] == dot }
        guard dots.count == 2, let first = dots.first, let second = dots.last,
              first > 0, second > first + 1, second < token.count - 1
        else { throw TokenRefusal(.malformed, "a token is three non-empty parts separated by two dots") }
        guard let header = Self.decode(token[..<first]), let signature = Self.decode(token[(second + 1)...]) else {
            throw TokenRefusal(.malformed, "a token part is not base64url without padding")
        }
        self.signingInput = token[..<second]
        self.header = header
        self.signature = signature
        self.encodedPayload = token[(first + 1)..<second]
    }

    /// The decoded payload; call it once the signature is known to be good.
    var payload: [UInt8] {
        get throws(TokenRefusal) {
            guard let payload = Self.decode(encodedPayload) else {
                throw TokenRefusal(.malformed, "a token part is not base64url without padding")
            }
            return payload
        }
    }

    private static func decode(_ part: ArraySlice<UInt8>) -> [UInt8]? {
        part.withUnsafeBytes { Base64.decode($0, variant: .url) }
    }
}
