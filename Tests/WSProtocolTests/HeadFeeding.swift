import Testing
import WSProtocol

/// The two head parsers, so one helper can feed either.
protocol HeadParser {
    associatedtype Head: Equatable
    init(limits: HTTPHeadLimits)
    mutating func parse(_ chunk: [UInt8]) throws(HTTPParseError) -> HTTPHeadParseResult<Head>
}

extension HTTPRequestHeadParser: HeadParser {}
extension HTTPResponseHeadParser: HeadParser {}

/// What a parser made of a whole input, stated so that every way of
/// splitting the input must give the same value.
enum FeedOutcome<Head: Equatable>: Equatable {
    /// Every byte was taken and the head is not finished.
    case needMoreData
    /// The head ended `headCount` bytes into the input.
    case complete(Head, headCount: Int)
    case failed(HTTPParseError)
}

/// Feeds `chunks` in order to a fresh parser, stopping at the first result
/// that is not `.needMoreData`.
func feed<Parser: HeadParser>(
    _: Parser.Type, _ chunks: [ArraySlice<UInt8>], limits: HTTPHeadLimits
) -> FeedOutcome<Parser.Head> {
    var parser = Parser(limits: limits)
    var fed = 0
    for chunk in chunks {
        do {
            switch try parser.parse(Array(chunk)) {
            case .needMoreData: fed += chunk.count
            case .complete(let head, let consumed): return .complete(head, headCount: fed + consumed)
            }
        } catch {
            return .failed(error)
        }
    }
    return .needMoreData
}

/// Feeds `input` whole, one byte at a time, and split in two at every
/// point; expects every way to agree and returns the common outcome.
func feedAllWays<Parser: HeadParser>(
    _ type: Parser.Type, _ input: [UInt8], limits: HTTPHeadLimits = HTTPHeadLimits(),
    sourceLocation: SourceLocation = #_sourceLocation
) -> FeedOutcome<Parser.Head> {
    let whole = feed(type, [input[...]], limits: limits)
    let bytewise = feed(type, input.indices.map { input[$0...$0] }, limits: limits)
    #expect(bytewise == whole, "byte by byte", sourceLocation: sourceLocation)
    for split in input.indices.dropFirst() {
        let halves = feed(type, [input[..<split], input[split...]], limits: limits)
        #expect(halves == whole, "split at \(split)", sourceLocation: sourceLocation)
        if halves != whole { break }
    }
    return whole
}

func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

/// Parses a request that is expected to be valid.
func request(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> HTTPRequestHead? {
    guard case .complete(let head, _) = feedAllWays(HTTPRequestHeadParser.self, bytes(text), sourceLocation: sourceLocation)
    else { return nil }
    return head
}

/// Parses a request that is expected to be refused, and returns why.
func rejection(_ text: String, limits: HTTPHeadLimits = HTTPHeadLimits(),
               sourceLocation: SourceLocation = #_sourceLocation) -> HTTPParseError? {
    guard case .failed(let error) = feedAllWays(HTTPRequestHeadParser.self, bytes(text), limits: limits,
                                                sourceLocation: sourceLocation)
    else { return nil }
    return error
}
