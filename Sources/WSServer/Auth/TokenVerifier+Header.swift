import ChatWire
import WSProtocol

/// The JOSE header and JSON checks of `TokenVerifier`.
extension TokenVerifier {
    static func checkHeader(_ header: JSONValue) throws(TokenRefusal) {
        guard header["alg"]?.stringValue == "HS256" else {
            throw TokenRefusal(.badAlg, "alg must be HS256")
        }
        // RFC 7515 section 4.1.11: "If any of the listed extension Header
        // Parameters are not understood and supported by the recipient, then
        // the JWS is invalid." This verifier supports no extension.
        guard header["crit"] == nil else {
            throw TokenRefusal(.badHeader, "the header lists crit extensions, which are not supported")
        }
        if let type = header["typ"] {
            guard let text = type.stringValue, text.lowercased() == "jwt" else {
                throw TokenRefusal(.badHeader, "typ, when present, must be JWT")
            }
        }
    }

    /// Strict JSON that is an object with no member name twice. RFC 7515
    /// section 4 and RFC 7519 section 4 let a parser either refuse
    /// duplicates or keep the last one; refusing leaves no doubt about which
    /// value the signer meant.
    static func jsonObject(_ bytes: [UInt8]) throws(TokenRefusal) -> JSONValue {
        guard let value = try? JSONParser.parse(bytes), let members = value.objectValue else {
            throw TokenRefusal(.malformed, "the header and payload must be JSON objects")
        }
        var names = Set<String>()
        for member in members where !names.insert(member.key).inserted {
            throw TokenRefusal(.malformed, "a JSON object names a member twice")
        }
        return value
    }
}
