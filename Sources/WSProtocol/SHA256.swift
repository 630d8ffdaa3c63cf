import COpenSSL

/// SHA-256 (FIPS 180-4) through libcrypto, for the `'sha256-…'` sources of
/// the chat page's Content-Security-Policy (CSP Level 3 accepts only the
/// SHA-2 family there, so the handshake's SHA-1 will not do).
public enum SHA256 {
    public static let digestCount = 32

    public static func digest(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBytes { digest($0) }
    }

    public static func digest(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: digestCount) { out, initialized in
            // libcrypto may not accept a null pointer even for zero bytes.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1) { empty in
                let input = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? UnsafePointer(empty.baseAddress!)
                _ = COpenSSL.SHA256(input, bytes.count, out.baseAddress!)
            }
            initialized = digestCount
        }
    }
}
