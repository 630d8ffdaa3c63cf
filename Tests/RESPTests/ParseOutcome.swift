import Testing
import RESP

/// Everything one feeding of a byte stream produced: the values in order,
/// then the error that stopped it, if any.
struct ParseOutcome: Equatable, CustomStringConvertible {
    var values: [RESPValue]
    var error: RESPError?

    init(_ values: [RESPValue], error: RESPError? = nil) {
        self.values = values
        self.error = error
    }

    /// Feeds `bytes` to a fresh parser in `chunks`, each from its own copy,
    /// as separate reads from a socket would arrive.
    init(feeding bytes: [UInt8], in chunks: [Range<Int>], limits: RESPLimits = RESPLimits()) {
        var parser = RESPParser(limits: limits)
        values = []
        error = nil
        for range in chunks {
            if let error = Self.feed(&parser, Array(bytes[range]), into: &values) {
                self.error = error
                return
            }
        }
    }

    /// Feeds one chunk from its own buffer; returns the error that stopped it, if any.
    private static func feed(_ parser: inout RESPParser, _ chunk: [UInt8], into values: inout [RESPValue]) -> RESPError? {
        chunk.withUnsafeBytes { buffer in
            var input = buffer
            do throws(RESPError) {
                while let value = try parser.next(&input) {
                    values.append(value)
                }
            } catch {
                return error
            }
            #expect(input.isEmpty, "the parser returned nil before using up its input")
            return nil
        }
    }

    var description: String {
        "\(values)" + (error.map { " then \($0)" } ?? "")
    }

    /// Whole, one byte at a time, and cut in two at every point (the last
    /// only for streams short enough to make that cheap).
    static func chunkings(count: Int) -> [[Range<Int>]] {
        var chunkings = [[0..<count], (0..<count).map { $0..<($0 + 1) }]
        if count <= 4096 {
            chunkings += (0...count).map { [0..<$0, $0..<count] }
        }
        return chunkings
    }
}

/// Expects every way of feeding `bytes` to give `expected`.
func expectParse(
    _ bytes: [UInt8], limits: RESPLimits = RESPLimits(), gives expected: ParseOutcome,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    for chunks in ParseOutcome.chunkings(count: bytes.count) {
        let outcome = ParseOutcome(feeding: bytes, in: chunks, limits: limits)
        #expect(outcome == expected, "cut at \(chunks.map(\.lowerBound).dropFirst().prefix(8))", sourceLocation: sourceLocation)
        if outcome != expected { return }
    }
}

func expectParse(
    _ text: String, limits: RESPLimits = RESPLimits(), gives expected: ParseOutcome,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    expectParse(Array(text.utf8), limits: limits, gives: expected, sourceLocation: sourceLocation)
}
