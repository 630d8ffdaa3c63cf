import WSProtocol

/// Masking keys from xorshift64*, seeded once from the CSPRNG. wsload does
/// the same: `MaskKey.random()` costs a call into OpenSSL's DRBG per frame,
/// which an echo run would pay a few hundred thousand times a second. The
/// keys stay fresh per frame and unguessable without the seed, which is all
/// a load generator talking to a server under test needs.
struct MaskKeySource: Sendable {
    private var state: UInt64

    init(seed: UInt64 = UInt64(SecureRandom.uint32()) << 32 | UInt64(SecureRandom.uint32())) {
        state = seed | 1
    }

    mutating func next() -> MaskKey {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return MaskKey(rawValue: UInt32(truncatingIfNeeded: (state &* 0x2545_F491_4F6C_DD1D) >> 32))
    }
}
