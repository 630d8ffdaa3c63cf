import Testing

/// Feeds one input the three ways DESIGN point 11 asks for (whole, one byte
/// at a time, and cut in two at every split point), each time from a fresh
/// mutable copy since decoding unmasks in place, and expects every way to
/// decode to what the whole input decodes to.
enum FrameFeedSplitter {
    /// Inputs up to this size are cut at every point. Longer ones (the 64 KiB
    /// fixtures) are cut at every point within 64 bytes of either end and at
    /// an odd stride in between, which still meets all four mask phases but
    /// keeps the suite fast; they are still fed whole and byte by byte.
    static let exhaustiveLimit = 4096

    /// One way of cutting an input: the offsets where pieces end.
    struct Cut: CustomStringConvertible {
        let name: String
        let boundaries: [Int]
        var description: String { name }
    }

    static func cuts(count: Int) -> [Cut] {
        let whole = Cut(name: "whole", boundaries: [])
        let bytewise = Cut(name: "one byte at a time", boundaries: count > 1 ? Array(1..<count) : [])
        return [whole, bytewise] + splitPoints(count: count).map { Cut(name: "split at \($0)", boundaries: [$0]) }
    }

    /// Every offset from 0 to `count` (an empty piece included), sampled past `exhaustiveLimit`.
    static func splitPoints(count: Int) -> [Int] {
        guard count > exhaustiveLimit else { return Array(0...count) }
        let edge = 64
        let middle = Array(stride(from: edge + 1, to: count - edge, by: (count / 64) | 1))
        return Array(0...edge) + middle + Array((count - edge)...count)
    }

    /// Decodes `input` every way and returns the whole-input result.
    static func decodeAllWays<Result: Equatable>(
        _ input: [UInt8],
        sourceLocation: SourceLocation = #_sourceLocation,
        _ decode: ([UnsafeMutableRawBufferPointer]) -> Result
    ) -> Result {
        let cuts = cuts(count: input.count)
        let whole = feed(input, cut: cuts[0], decode)
        let differing = cuts.dropFirst().filter { feed(input, cut: $0, decode) != whole }
        if let first = differing.first {
            let result = feed(input, cut: first, decode)
            Issue.record(
                """
                \(differing.count) of \(cuts.count - 1) ways of feeding differ from the whole input; \
                fed \(first): \(abbreviated(result)); whole: \(abbreviated(whole))
                """,
                sourceLocation: sourceLocation)
        }
        return whole
    }

    /// A description short enough for a failure message, even for 64 KiB payloads.
    static func abbreviated(_ value: some Any) -> String {
        let text = String(describing: value)
        return text.count <= 600 ? text : text.prefix(600) + "…"
    }

    /// Copies `input` into a fresh buffer and hands `decode` its pieces.
    static func feed<Result>(
        _ input: [UInt8], cut: Cut, _ decode: ([UnsafeMutableRawBufferPointer]) -> Result
    ) -> Result {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: input.count, alignment: 1)
        defer { buffer.deallocate() }
        buffer.copyBytes(from: input)
        let edges = [0] + cut.boundaries + [input.count]
        let pieces = zip(edges, edges.dropFirst()).map { UnsafeMutableRawBufferPointer(rebasing: buffer[$0..<$1]) }
        return decode(pieces)
    }
}
