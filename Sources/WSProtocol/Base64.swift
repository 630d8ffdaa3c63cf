/// Base64 (RFC 4648) in two variants: the standard alphabet with padding
/// (section 4), for `Sec-WebSocket-Key` and `Sec-WebSocket-Accept`, and the
/// URL- and filename-safe alphabet without padding (section 5), which JWS
/// calls base64url (RFC 7515 section 2) and JWT tokens are made of.
///
/// Decoding is strict (see `Base64+Decoding.swift`): what decodes is exactly
/// what `encode` produces for some bytes, and nothing else.
public enum Base64 {
    /// Which of RFC 4648's encodings.
    public enum Variant: Sendable {
        /// Section 4: `+` and `/`, `=` padding to a multiple of four characters.
        case standard
        /// Section 5's alphabet (`-` and `_`) with the padding left out, as
        /// RFC 7515 section 2 defines base64url.
        case url

        var table: StaticString {
            switch self {
            case .standard: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
            case .url: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
            }
        }

        var isPadded: Bool {
            switch self {
            case .standard: true
            case .url: false
            }
        }
    }

    static let pad: UInt8 = 0x3D

    /// Characters the encoding of `count` bytes takes.
    public static func encodedCount(_ count: Int, variant: Variant = .standard) -> Int {
        variant.isPadded ? (count + 2) / 3 * 4 : (count * 4 + 2) / 3
    }

    public static func encode(_ bytes: [UInt8], variant: Variant = .standard) -> String {
        bytes.withUnsafeBytes { encode($0, variant: variant) }
    }

    public static func encode(_ bytes: UnsafeRawBufferPointer, variant: Variant = .standard) -> String {
        String(unsafeUninitializedCapacity: encodedCount(bytes.count, variant: variant)) { out in
            encode(bytes, variant: variant, into: UnsafeMutableRawBufferPointer(out))
        }
    }

    /// Appends the encoding of `bytes` to `out` without an intermediate string.
    static func append(_ bytes: UnsafeRawBufferPointer, variant: Variant = .standard, to out: inout [UInt8]) {
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: encodedCount(bytes.count, variant: variant)))
        out.withUnsafeMutableBytes {
            _ = encode(bytes, variant: variant, into: UnsafeMutableRawBufferPointer(rebasing: $0[start...]))
        }
    }

    /// Writes the encoding to the start of `out`; returns how many bytes it wrote.
    private static func encode(
        _ bytes: UnsafeRawBufferPointer, variant: Variant, into out: UnsafeMutableRawBufferPointer
    ) -> Int {
        variant.table.withUTF8Buffer { table in
            var written = 0
            var index = 0
            while index < bytes.count {
                let carried = min(3, bytes.count - index)
                var group: UInt32 = 0
                for offset in 0..<3 {
                    group = group << 8 | (offset < carried ? UInt32(bytes[index + offset]) : 0)
                }
                // One byte needs two characters, two need three, three need four.
                let characters = variant.isPadded ? 4 : carried + 1
                for position in 0..<characters {
                    let sextet = Int(group >> (18 - 6 * position) & 63)
                    out[written + position] = position <= carried ? table[sextet] : pad
                }
                written += characters
                index += 3
            }
            return written
        }
    }
}
