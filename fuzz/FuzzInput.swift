/// The fuzzer's bytes read front to back as a script of choices. Reading
/// past the end gives zeros, so every input, however short, is a whole
/// script, and a mutation that changes one byte changes one choice.
struct FuzzInput {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var isEmpty: Bool { offset >= bytes.count }

    mutating func byte() -> UInt8 {
        guard offset < bytes.count else { return 0 }
        defer { offset += 1 }
        return bytes[offset]
    }

    /// A choice in `0..<count`.
    mutating func below(_ count: Int) -> Int {
        Int(byte()) % max(1, count)
    }

    mutating func flag() -> Bool {
        byte() & 1 == 1
    }

    /// Up to `count` bytes, fewer when the input runs out.
    mutating func bytes(_ count: Int) -> [UInt8] {
        let end = min(bytes.count, offset + max(0, count))
        defer { offset = max(offset, end) }
        return offset < end ? Array(bytes[offset..<end]) : []
    }

    /// Text of `length` bytes made by repeating a pattern of up to 8 input
    /// bytes, so that a large text costs the input a few bytes. Decoded as
    /// UTF-8 with replacement characters, as the WebSocket layer lets only
    /// valid UTF-8 through.
    mutating func text(length: Int) -> String {
        let pattern = bytes(1 + below(8))
        guard !pattern.isEmpty, length > 0 else { return "" }
        let raw = (0..<length).map { pattern[$0 % pattern.count] }
        return String(decoding: raw, as: UTF8.self)
    }
}
