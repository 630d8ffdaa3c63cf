import COpenSSL

/// HMAC (RFC 2104) with SHA-256 through libcrypto: the MAC of JWS's `HS256`
/// (RFC 7518 section 3.2), which signs and verifies authentication tokens.
public enum HMACSHA256 {
    public static let codeCount = 32

    /// The 32-byte code of `message` under `key`, or nil if libcrypto fails
    /// (it can only run out of memory). Callers verifying a code must treat
    /// nil as a mismatch, never as a code of zeros.
    public static func code(key: [UInt8], message: [UInt8]) -> [UInt8]? {
        message.withUnsafeBytes { code(key: key, message: $0) }
    }

    public static func code(key: [UInt8], message: UnsafeRawBufferPointer) -> [UInt8]? {
        var out = [UInt8](repeating: 0, count: codeCount)
        var written: UInt32 = 0
        // libcrypto may not accept a null pointer even for zero bytes.
        let empty: [UInt8] = [0]
        let result = key.withUnsafeBytes { keyBytes in
            empty.withUnsafeBytes { placeholder in
                out.withUnsafeMutableBytes { output in
                    HMAC(
                        EVP_sha256(),
                        keyBytes.baseAddress ?? placeholder.baseAddress, Int32(keyBytes.count),
                        (message.baseAddress ?? placeholder.baseAddress)?.assumingMemoryBound(to: UInt8.self),
                        message.count,
                        output.baseAddress?.assumingMemoryBound(to: UInt8.self), &written)
                }
            }
        }
        guard result != nil, written == codeCount else { return nil }
        return out
    }
}
