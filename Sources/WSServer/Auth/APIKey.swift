import WSProtocol

/// The key backends present to the HTTP API as `Authorization: Bearer KEY`
/// (docs/protocol.md, "HTTP API for backends"), compared in constant time.
public struct APIKey: Sendable {
    private let key: [UInt8]

    /// `key` as `SecretFile.load(_:kind: .apiKey)` returns it.
    public init(_ key: [UInt8]) {
        self.key = key
    }

    /// Whether the request carries exactly one `Authorization` field whose
    /// Bearer credential is this key. The comparison goes through SHA-256
    /// digests, so its time reveals neither the key's bytes nor its length.
    public func authorizes(_ headers: HTTPHeaders) -> Bool {
        let fields = headers.values("Authorization")
        guard fields.count == 1, let presented = BearerCredentials.bearer(fields[0]) else { return false }
        return ConstantTime.equalSecrets(Array(presented.utf8), key)
    }
}
