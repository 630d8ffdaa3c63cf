import Testing
import WSProtocol

/// One frame as a bare `FrameParser` produced it, its payload chunks joined.
struct ParsedFrame: Equatable, Sendable, CustomStringConvertible {
    var header: FrameHeader
    var payload: [UInt8]

    var description: String { "\(header) \(PayloadText(payload))" }
}

/// Everything a bare `FrameParser` produced from some input, owned.
struct ParserOutcome: Equatable {
    var frames: [ParsedFrame] = []
    var error: ProtocolError?
    /// Whether the input ended between frames.
    var endedAtBoundary = true
    /// False if the parser broke its output contract: a chunk outside a
    /// frame, a header before the last chunk, an empty chunk that is not the
    /// single chunk of an empty payload.
    var contractHeld = true

    /// Parses the pieces in order with one parser, stopping at the first error.
    static func parse(
        _ pieces: [UnsafeMutableRawBufferPointer], role: Role, extensionBits: ReservedBits = []
    ) -> ParserOutcome {
        var parser = FrameParser(role: role, extensionBits: extensionBits)
        var outcome = ParserOutcome()
        var inFrame = false
        for var piece in pieces {
            do throws(ProtocolError) {
                while let step = try parser.next(&piece) { outcome.record(step, inFrame: &inFrame) }
            } catch {
                outcome.error = error
                outcome.endedAtBoundary = false
                return outcome
            }
        }
        outcome.endedAtBoundary = parser.isAtFrameBoundary
        return outcome
    }

    static func parseAllWays(
        _ input: [UInt8], role: Role, extensionBits: ReservedBits = [], sourceLocation: SourceLocation = #_sourceLocation
    ) -> ParserOutcome {
        FrameFeedSplitter.decodeAllWays(input, sourceLocation: sourceLocation) {
            parse($0, role: role, extensionBits: extensionBits)
        }
    }

    private mutating func record(_ step: FrameParser.Output, inFrame: inout Bool) {
        switch step {
        case .header(let header):
            if inFrame { contractHeld = false }
            frames.append(ParsedFrame(header: header, payload: []))
            inFrame = true
        case .payload(let chunk, let isLast):
            guard inFrame, let last = frames.indices.last else {
                contractHeld = false
                return
            }
            if chunk.isEmpty, !(isLast && frames[last].header.payloadLength == 0) { contractHeld = false }
            frames[last].payload.append(contentsOf: chunk)
            inFrame = !isLast
        }
    }
}
