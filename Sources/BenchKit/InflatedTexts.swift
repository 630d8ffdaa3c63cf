import Glibc

/// The texts of recently inflated messages, found again by their compressed
/// bytes. With no context takeover a compressed message always inflates to
/// the same text, and the server compresses a room message once for all its
/// members, so a fan-out run gets the same bytes once per member: one
/// process standing in for a thousand clients would otherwise measure its
/// own thousand inflates, which real clients do on their own machines.
/// Bounded: when full it starts again empty. The key is a quick
/// multiplicative hash of all the bytes, 8 at a time (SipHash would cost
/// about as much as the rest of a delivery); a full `memcmp` decides.
struct InflatedTexts {
    private struct Entry {
        let compressed: [UInt8]
        let text: [UInt8]
    }

    private let capacity: Int
    private var entries: [UInt64: Entry] = [:]

    init(capacity: Int = 256) {
        self.capacity = capacity
    }

    /// The text `compressed` inflated to, if it is among the recent ones.
    func text(for compressed: UnsafeRawBufferPointer) -> [UInt8]? {
        guard let entry = entries[Self.key(compressed)], entry.compressed.count == compressed.count,
              let start = compressed.baseAddress else { return nil }
        let same = entry.compressed.withUnsafeBytes { memcmp($0.baseAddress!, start, compressed.count) == 0 }
        return same ? entry.text : nil
    }

    /// Keeps `text` as what `compressed` inflates to.
    mutating func keep(_ text: UnsafeRawBufferPointer, for compressed: UnsafeRawBufferPointer) {
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        entries[Self.key(compressed)] = Entry(compressed: Array(compressed), text: Array(text))
    }

    private static func key(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var hash = UInt64(bytes.count) &* multiplier
        var offset = 0
        while offset + 8 <= bytes.count {
            hash = (hash ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* multiplier
            hash ^= hash >> 29
            offset += 8
        }
        while offset < bytes.count {
            hash = (hash ^ UInt64(bytes[offset])) &* multiplier
            offset += 1
        }
        return hash
    }
}
