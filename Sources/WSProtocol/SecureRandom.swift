import COpenSSL

/// Unpredictable bytes from OpenSSL's CSPRNG, for masking keys (RFC 6455
/// section 5.3) and the client's `Sec-WebSocket-Key` (section 4.1).
public enum SecureRandom {
    /// Fills `count` bytes; OpenSSL seeds itself from the kernel.
    public static func bytes(_ count: Int) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: count)
        let status = result.withUnsafeMutableBytes { RAND_bytes($0.baseAddress, Int32(count)) }
        if status != 1 {
            var generator = SystemRandomNumberGenerator()
            for index in result.indices { result[index] = generator.next() }
        }
        return result
    }

    public static func uint32() -> UInt32 {
        var value: UInt32 = 0
        let status = withUnsafeMutableBytes(of: &value) { RAND_bytes($0.baseAddress, 4) }
        if status != 1 { value = UInt32.random(in: .min ... .max) }
        return value
    }
}
