/// The four-byte masking key of RFC 6455 section 5.3, and the in-place XOR
/// that both directions use.
///
/// `rawValue` holds the key bytes in memory order (byte 0 in the low bits),
/// so a little-endian 64-bit load of payload lines up with `pattern(phase:)`.
public struct MaskKey: Hashable, Sendable {
    public let rawValue: UInt32

    public init(_ b0: UInt8, _ b1: UInt8, _ b2: UInt8, _ b3: UInt8) {
        rawValue = UInt32(b0) | UInt32(b1) << 8 | UInt32(b2) << 16 | UInt32(b3) << 24
    }

    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Key byte `index` (0...3) as it appears on the wire.
    public subscript(index: Int) -> UInt8 { UInt8(truncatingIfNeeded: rawValue >> (8 * UInt32(index & 3))) }

    /// A fresh key from a cryptographic source: section 5.3 requires that
    /// the key be unpredictable and chosen anew for every frame.
    public static func random() -> MaskKey { MaskKey(rawValue: SecureRandom.uint32()) }

    /// XORs `bytes` with the key in place, starting at key byte `phase`, eight
    /// bytes at a time with a byte-wise tail. Returns the phase for the byte
    /// that follows, so a payload can be unmasked in chunks as it arrives.
    @discardableResult
    @inlinable
    public func apply(to bytes: UnsafeMutableRawBufferPointer, phase: Int = 0) -> Int {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return phase & 3 }
        let count = bytes.count
        let rotated = rotatedKey(phase: phase)
        let pattern = UInt64(rotated) | UInt64(rotated) << 32
        var offset = 0
        while offset + 8 <= count {
            let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            base.storeBytes(of: (word ^ pattern).littleEndian, toByteOffset: offset, as: UInt64.self)
            offset += 8
        }
        var tail = rotated
        while offset < count {
            base.storeBytes(of: base.load(fromByteOffset: offset, as: UInt8.self) ^ UInt8(truncatingIfNeeded: tail),
                            toByteOffset: offset, as: UInt8.self)
            tail = tail >> 8 | tail << 24
            offset += 1
        }
        return (phase + count) & 3
    }

    /// The key as it applies from byte `phase` on: byte 0 of the result is key byte `phase`.
    @inlinable
    func rotatedKey(phase: Int) -> UInt32 {
        let shift = UInt32(8 * (phase & 3))
        return shift == 0 ? rawValue : rawValue >> shift | rawValue << (32 - shift)
    }
}
