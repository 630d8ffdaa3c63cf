/// libFuzzer entry for the HTTP head parsers and the opening handshake.
///
/// Input: one control byte, then bytes as a peer sends them before the
/// upgrade. Bits 0-6 of the control byte choose where the two-chunk feed cuts
/// the input; bit 7 swaps the default limits for tiny ones, so short inputs
/// reach `headTooLarge` and `tooManyHeaders`. Both parsers read the same
/// bytes: the request parser as the server would, the response parser as the
/// client would.
@_cdecl("LLVMFuzzerTestOneInput")
public func httpHeadFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let control = data[0]
    let input = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let limits = control & 0x80 == 0 ? HTTPHeadLimits() : HTTPHeadFuzzer.tinyLimits
    let fuzzer = HTTPHeadFuzzer(input: input, split: Fuzz.splitPoint(control, count: input.count), limits: limits)
    fuzzer.checkRequest()
    fuzzer.checkResponse()
    return 0
}

/// The two head parsers, so one feeding routine serves both.
protocol HeadParser {
    associatedtype Head: Equatable & Sendable
    init(limits: HTTPHeadLimits)
    mutating func parse(_ chunk: UnsafeRawBufferPointer) throws(HTTPParseError) -> HTTPHeadParseResult<Head>
}

extension HTTPRequestHeadParser: HeadParser {}
extension HTTPResponseHeadParser: HeadParser {}

/// What a parser made of the input, in terms every split must agree on.
enum HeadOutcome<Head: Equatable>: Equatable {
    /// Every byte was taken and the head is not finished.
    case needMoreData
    /// The head ended `end` bytes into the input.
    case complete(Head, end: Int)
    case failed(HTTPParseError)
}

/// Checks both parsers, and the handshake on what they accept, for one input.
struct HTTPHeadFuzzer {
    /// Small enough that a few hundred fuzzed bytes cross both limits.
    static let tinyLimits = HTTPHeadLimits(maxHeadBytes: 160, maxHeaderCount: 4)
    /// Room for any head regenerated from one the default limits accepted.
    static let roomyLimits = HTTPHeadLimits(maxHeadBytes: 1 << 20, maxHeaderCount: 1000)

    let input: [UInt8]
    let split: Int
    let limits: HTTPHeadLimits

    func checkRequest() {
        let outcome = agreedOutcome(HTTPRequestHeadParser.self)
        switch outcome {
        case .needMoreData:
            break
        case .failed(let error):
            checkRefusal(HTTPResponse.plainText(error.status, error.reason), status: error.status)
        case .complete(let head, let end):
            checkFieldLines(head.headers, end: end)
            checkRequestLine(head)
            checkReuse(HTTPRequestHeadParser.self, end: end)
            checkHandshake(head)
        }
    }

    func checkResponse() {
        guard case .complete(let head, let end) = agreedOutcome(HTTPResponseHeadParser.self) else { return }
        checkFieldLines(head.headers, end: end)
        Fuzz.require((100...599).contains(head.status.code), "status \(head.status.code)")
        Fuzz.require(!head.status.reason.utf8.contains { $0 < 0x20 && $0 != 0x09 || $0 == 0x7F },
                     "control byte in reason \(head.status.reason)")
        checkReuse(HTTPResponseHeadParser.self, end: end)
        // Whatever a server answers, the client's checks must only accept or refuse it.
        let client = ClientHandshake(host: "example.com", key: "dGhlIHNhbXBsZSBub25jZQ==")
        do { try client.validate(head) } catch { return }
        Fuzz.require(head.status.code == 101, "client accepted status \(head.status.code)")
    }

    /// Feeds the input whole, cut in two and byte by byte; all three must agree.
    private func agreedOutcome<Parser: HeadParser>(_ type: Parser.Type) -> HeadOutcome<Parser.Head> {
        let outcomes = Fuzz.chunkings(count: input.count, split: split).map { feed(type, input, $0, limits) }
        for (index, outcome) in outcomes.enumerated().dropFirst() {
            Fuzz.require(outcome == outcomes[0], "\(type) feeding \(index) gave \(outcome), whole gave \(outcomes[0])")
        }
        return outcomes[0]
    }

    /// Feeds `chunks` of `bytes` to a fresh parser until it finishes; a
    /// parser that failed must repeat its error on the next call.
    private func feed<Parser: HeadParser>(
        _: Parser.Type, _ bytes: [UInt8], _ chunks: [Range<Int>], _ limits: HTTPHeadLimits
    ) -> HeadOutcome<Parser.Head> {
        var parser = Parser(limits: limits)
        for range in chunks {
            switch parseOnce(&parser, Array(bytes[range])) {
            case .success(.needMoreData):
                continue
            case .success(.complete(let head, let consumed)):
                Fuzz.require(consumed > 0 && consumed <= range.count, "consumed \(consumed) of \(range.count)")
                return .complete(head, end: range.lowerBound + consumed)
            case .failure(let error):
                let again = parseOnce(&parser, [])
                Fuzz.require(again == .failure(error), "after \(error) the parser gave \(again)")
                return .failed(error)
            }
        }
        return .needMoreData
    }

    /// A finished parser is ready for the next head: the bytes after the
    /// head must read as they would to a fresh parser.
    private func checkReuse<Parser: HeadParser>(_: Parser.Type, end: Int) {
        let rest = Array(input[end...])
        var reusedParser = Parser(limits: limits)
        _ = parseOnce(&reusedParser, Array(input[..<end]))
        var freshParser = Parser(limits: limits)
        let reused = parseOnce(&reusedParser, rest)
        let fresh = parseOnce(&freshParser, rest)
        Fuzz.require(reused == fresh, "\(Parser.self) reused gave \(reused), fresh gave \(fresh)")
    }

    private func parseOnce<Parser: HeadParser>(
        _ parser: inout Parser, _ bytes: [UInt8]
    ) -> Result<HTTPHeadParseResult<Parser.Head>, HTTPParseError> {
        // withUnsafeBytes rethrows untyped errors; Result carries the typed one out.
        return bytes.withUnsafeBytes { bytes in Result { () throws(HTTPParseError) in try parser.parse(bytes) } }
    }

    /// Rules for any parsed head: within the limits, ended by LF, names that
    /// are tokens, values trimmed and free of CR, LF and NUL.
    private func checkFieldLines(_ headers: HTTPHeaders, end: Int) {
        Fuzz.require(end <= limits.maxHeadBytes && input[end - 1] == 0x0A, "head ends at \(end)")
        Fuzz.require(headers.count <= limits.maxHeaderCount, "\(headers.count) fields")
        for field in headers {
            Fuzz.require(!field.name.isEmpty && field.name.utf8.allSatisfy(ASCII.isTokenChar), "name \(field.name)")
            let value = Array(field.value.utf8)
            Fuzz.require(!value.contains { $0 == 0 || $0 == 0x0D || $0 == 0x0A }, "value \(value)")
            Fuzz.require(!(value.first.map(ASCII.isWhitespace) ?? false), "value not trimmed: \(value)")
            Fuzz.require(!(value.last.map(ASCII.isWhitespace) ?? false), "value not trimmed: \(value)")
        }
    }

    private func checkRequestLine(_ head: HTTPRequestHead) {
        Fuzz.require(!head.method.isEmpty && head.method.utf8.allSatisfy(ASCII.isTokenChar), "method \(head.method)")
        Fuzz.require(!head.target.isEmpty && head.target.utf8.allSatisfy(ASCII.isVisible), "target \(head.target)")
        Fuzz.require(head.version.major == 1, "version \(head.version)")
        Fuzz.require(head.path + (head.query.map { "?" + $0 } ?? "") == head.target, "path and query of \(head.target)")
    }

    /// A parsed request is either upgraded, with a 101 the client accepts,
    /// or refused with a well-formed response carrying the error's status.
    private func checkHandshake(_ head: HTTPRequestHead) {
        let request: UpgradeRequest
        do {
            request = try ServerHandshake.validate(head)
        } catch {
            checkRefusal(error.response(), status: error.status)
            return
        }
        Fuzz.require(head.method == "GET" && head.version >= .http1_1, "upgraded \(head.method) \(head.version)")
        Fuzz.require(Base64.decode(request.key)?.count == 16, "accepted key \(request.key)")
        _ = Array(request.queryParameters)
        checkSwitchingResponse(request)
        checkClientRequest(request)
    }

    /// The 101 must parse and pass the checks of a client that sent the key
    /// and offered no extension, which then has none negotiated.
    private func checkSwitchingResponse(_ request: UpgradeRequest) {
        let response = ServerHandshake.response(for: request)
        let parsed = feed(HTTPResponseHeadParser.self, response, [0..<response.count], Self.roomyLimits)
        guard case .complete(let head, let end) = parsed, end == response.count else {
            Fuzz.require(false, "101 for key \(request.key) reads as \(parsed)")
            return
        }
        let client = ClientHandshake(host: request.host, key: request.key)
        let verdict = Result { () throws(ClientHandshakeError) in try client.validate(head) }
        guard case .success(.none) = verdict else {
            return Fuzz.require(false, "the 101 gave a client offering no extension \(verdict)")
        }
    }

    /// The request a client would send for the same key and target must
    /// itself pass `validate`, and keep the key and target.
    private func checkClientRequest(_ request: UpgradeRequest) {
        let target = request.path + (request.query.map { "?" + $0 } ?? "")
        let bytes = ClientHandshake(host: request.host, path: target, key: request.key).requestBytes
        let parsed = feed(HTTPRequestHeadParser.self, bytes, [0..<bytes.count], Self.roomyLimits)
        guard case .complete(let head, bytes.count) = parsed else {
            Fuzz.require(false, "client request \(bytes) reads as \(parsed)")
            return
        }
        let again = Result { () throws(HandshakeError) in try ServerHandshake.validate(head) }
        guard case .success(let upgrade) = again else {
            Fuzz.require(false, "client request for \(request) refused: \(again)")
            return
        }
        Fuzz.require(upgrade.key == request.key && upgrade.path == request.path && upgrade.query == request.query,
                     "client request changed \(request) into \(upgrade)")
    }

    /// A refusal must read back as one head with the intended status and a
    /// `Content-Length` that matches its body.
    private func checkRefusal(_ response: HTTPResponse, status: HTTPStatus) {
        let bytes = response.bytes
        let parsed = feed(HTTPResponseHeadParser.self, bytes, [0..<bytes.count], Self.roomyLimits)
        guard case .complete(let head, let end) = parsed else {
            Fuzz.require(false, "refusal \(bytes) reads as \(parsed)")
            return
        }
        Fuzz.require(head.status.code == status.code, "refusal status \(head.status) for \(status)")
        Fuzz.require(head.headers.first("Content-Length") == String(bytes.count - end), "refusal length in \(head)")
    }
}
