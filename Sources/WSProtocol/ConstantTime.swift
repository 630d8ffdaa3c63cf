import COpenSSL

/// Comparisons whose running time does not depend on where two secrets
/// differ, so a peer timing the answers cannot learn a MAC or a key a byte at
/// a time (RFC 8725 section 2.2 asks for this of JWT signature checks).
public enum ConstantTime {
    /// Whether `lhs` and `rhs` hold the same bytes. Time depends only on the
    /// length: a length mismatch answers at once, which gives nothing away
    /// when the length is public (a SHA-256 code is always 32 bytes); compare
    /// digests, as `equalSecrets` does, when it is not.
    public static func equal(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        guard !lhs.isEmpty else { return true }
        return lhs.withUnsafeBytes { left in
            rhs.withUnsafeBytes { right in CRYPTO_memcmp(left.baseAddress, right.baseAddress, left.count) == 0 }
        }
    }

    /// Whether two secrets of possibly different, secret lengths are equal:
    /// compares their SHA-256 digests in constant time, so neither the
    /// content nor the length of `expected` shows in the timing.
    public static func equalSecrets(_ presented: [UInt8], _ expected: [UInt8]) -> Bool {
        equal(SHA256.digest(presented), SHA256.digest(expected))
    }
}
