/// libFuzzer entry for `RESPParser`, the reply side of the Redis client,
/// and for `RedisURL`.
///
/// Input: one control byte, then bytes as a Redis server sends them. Bits
/// 0-6 of the control byte choose where the two-chunk feed cuts the stream;
/// bit 7 swaps the default limits for tiny ones, so short inputs reach every
/// `RESPLimits` bound. The same bytes, read as text, go to the URL parser.
@_cdecl("LLVMFuzzerTestOneInput")
public func respFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let control = data[0]
    let stream = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let limits = control & 0x80 == 0 ? RESPLimits() : RESPFuzzer.tinyLimits
    RESPFuzzer(limits: limits).check(stream, split: Fuzz.splitPoint(control, count: stream.count))
    RESPFuzzer.checkURL(String(decoding: stream, as: UTF8.self))
    return 0
}

/// Values and the error that ended a feeding, compared across feedings.
struct RESPTranscript: Equatable {
    var values: [RESPValue] = []
    var error: RESPError?
}

/// Checks one limit setting against every way of feeding a stream.
struct RESPFuzzer {
    /// Small enough that a few hundred fuzzed bytes cross every bound.
    static let tinyLimits = RESPLimits(maxBulkLength: 64, maxArrayElements: 8, maxDepth: 4, maxLineLength: 24, maxValueBytes: 256)

    let limits: RESPLimits

    func check(_ stream: [UInt8], split: Int) {
        var transcripts: [RESPTranscript] = []
        for chunks in Fuzz.chunkings(count: stream.count, split: split) {
            var parser = RESPParser(limits: limits)
            transcripts.append(Self.feed(&parser, stream, chunks))
            if let error = transcripts.last?.error {
                // A broken stream stays broken, whatever comes next.
                let again = Self.feed(&parser, [UInt8(ascii: "+"), 13, 10], [0..<3])
                Fuzz.require(again == RESPTranscript(error: error), "after \(error) the parser gave \(again)")
            }
        }
        for (index, transcript) in transcripts.enumerated().dropFirst() {
            Fuzz.require(transcript == transcripts[0], "feeding \(index) gave \(transcript), whole input gave \(transcripts[0])")
        }
        for value in transcripts[0].values {
            checkWithinLimits(value, depth: 1)
            checkRoundTrip(value)
        }
    }

    /// Feeds `chunks` of `stream`, each from its own buffer, as reads would arrive.
    static func feed(_ parser: inout RESPParser, _ stream: [UInt8], _ chunks: [Range<Int>]) -> RESPTranscript {
        var transcript = RESPTranscript()
        for range in chunks {
            let chunk = Array(stream[range])
            let error = chunk.withUnsafeBytes { buffer -> RESPError? in
                var input = buffer
                do throws(RESPError) {
                    while let value = try parser.next(&input) { transcript.values.append(value) }
                } catch {
                    return error
                }
                Fuzz.require(input.isEmpty, "the parser stopped with \(input.count) bytes unread")
                return nil
            }
            if let error {
                transcript.error = error
                return transcript
            }
        }
        return transcript
    }

    /// Nothing the limits forbid comes out: bulk lengths, element counts, nesting, line lengths.
    private func checkWithinLimits(_ value: RESPValue, depth: Int) {
        switch value {
        case .simpleString(let text), .error(let text):
            // Each byte of the line is at most one replacement character (3 bytes).
            Fuzz.require(text.utf8.count <= 3 * limits.maxLineLength, "line of \(text.utf8.count) bytes")
        case .integer, .bulkString(nil), .array(nil):
            break
        case .bulkString(let bytes?):
            Fuzz.require(bytes.count <= limits.maxBulkLength, "bulk of \(bytes.count) bytes")
        case .array(let elements?):
            Fuzz.require(depth <= limits.maxDepth, "array at depth \(depth)")
            Fuzz.require(elements.count <= limits.maxArrayElements, "array of \(elements.count) elements")
            elements.forEach { checkWithinLimits($0, depth: depth + 1) }
        }
    }

    /// A value encoded as a server would and parsed again is the same value.
    private func checkRoundTrip(_ value: RESPValue) {
        let bytes = value.encoded
        var parser = RESPParser()
        let again = Self.feed(&parser, bytes, [0..<bytes.count])
        Fuzz.require(again == RESPTranscript(values: [value]), "\(value) came back as \(again)")
    }
}
