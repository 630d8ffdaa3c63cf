import COpenSSL

/// SHA-1 (FIPS 180-4) through libcrypto. The opening handshake needs it
/// (RFC 6455 section 4.2.2) and nothing else here does: SHA-1 is no longer
/// collision-resistant, which does not matter for proving that a server
/// read the key.
public enum SHA1 {
    public static let digestCount = 20

    public static func digest(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBytes { digest($0) }
    }

    public static func digest(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: digestCount) { out, initialized in
            digest(bytes, into: UnsafeMutableRawBufferPointer(out))
            initialized = digestCount
        }
    }

    /// Writes the 20-byte digest to the start of `out`, which must have room for it.
    static func digest(_ bytes: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) {
        precondition(out.count >= digestCount, "SHA-1 digest needs 20 bytes")
        let result = out.baseAddress!.assumingMemoryBound(to: UInt8.self)
        // libcrypto may not accept a null pointer even for zero bytes.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1) { empty in
            let input = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? UnsafePointer(empty.baseAddress!)
            _ = COpenSSL.SHA1(input, bytes.count, result)
        }
    }
}
