/// Finds where an HTTP head ends in a stream split anywhere, enforcing the
/// limits as bytes arrive, and hands the whole head to a line reader once.
///
/// The head ends at the first empty line after a non-empty one; lines end at
/// LF with an optional CR before it ("a recipient MAY recognize a single LF
/// as a line terminator", RFC 9112 section 2.2), and empty lines before the
/// start line are skipped ("SHOULD ignore at least one empty line (CRLF)
/// received prior to the request-line"). A head that arrives in one chunk is
/// read straight from the caller's memory; only a head split across chunks is
/// gathered in `buffered`, which never exceeds `limits.maxHeadBytes`.
struct HTTPHeadFramer: Sendable {
    /// How far the scan has got: carried from one chunk to the next.
    private struct Progress: Sendable {
        /// Bytes of the head taken so far, leading empty lines included.
        var total = 0
        /// Completed non-empty lines: the start line and the field lines.
        var lines = 0
        /// Bytes of the line in progress, before its LF.
        var pendingLength = 0
        /// The first byte of the line in progress, to tell a lone CR (an empty line) apart.
        var pendingFirst: UInt8 = 0
    }

    let limits: HTTPHeadLimits
    private var progress = Progress()
    private var buffered: [UInt8] = []
    /// Set by the first error: the stream is not HTTP any more, so every later call repeats it.
    private var failure: HTTPParseError?

    init(limits: HTTPHeadLimits) { self.limits = limits }

    /// Scans `chunk`; once the head is complete, calls `read` with all of its
    /// bytes and returns its result with how many bytes of `chunk` the head used.
    mutating func frame<Head>(
        _ chunk: UnsafeRawBufferPointer,
        read: (UnsafeRawBufferPointer) throws(HTTPParseError) -> Head
    ) throws(HTTPParseError) -> HTTPHeadParseResult<Head> {
        if let failure { throw failure }
        do {
            guard let end = try scan(chunk) else {
                buffered.append(contentsOf: chunk)
                return .needMoreData
            }
            let head = try readHead(chunk, end: end, read: read)
            self = HTTPHeadFramer(limits: limits)
            return .complete(head, consumed: end)
        } catch {
            failure = error
            buffered = []
            throw error
        }
    }

    /// Reads the head from the caller's chunk if it all arrived there, else
    /// from `buffered` with the chunk's share of the head appended.
    private mutating func readHead<Head>(
        _ chunk: UnsafeRawBufferPointer, end: Int,
        read: (UnsafeRawBufferPointer) throws(HTTPParseError) -> Head
    ) throws(HTTPParseError) -> Head {
        let tail = UnsafeRawBufferPointer(rebasing: chunk[0..<end])
        if buffered.isEmpty { return try read(tail) }
        buffered.append(contentsOf: tail)
        // Array.withUnsafeBytes rethrows untyped errors; Result carries the typed one out.
        return try buffered.withUnsafeBytes { bytes in Result { () throws(HTTPParseError) in try read(bytes) } }.get()
    }

    /// The offset in `chunk` just past the head's final LF, or nil if the
    /// head goes on; throws as soon as a limit is passed.
    private mutating func scan(_ chunk: UnsafeRawBufferPointer) throws(HTTPParseError) -> Int? {
        let room = limits.maxHeadBytes - progress.total
        let scanned = min(chunk.count, room)
        var lineStart = 0
        for index in 0..<scanned where chunk[index] == ASCII.lf {
            let length = progress.pendingLength + index - lineStart
            let first = progress.pendingLength > 0 ? progress.pendingFirst : chunk[lineStart]
            progress.pendingLength = 0
            lineStart = index + 1
            if length == 0 || (length == 1 && first == ASCII.cr) {
                if progress.lines > 0 { return index + 1 }
                continue
            }
            progress.lines += 1
            if progress.lines - 1 > limits.maxHeaderCount { throw .tooManyHeaders(limit: limits.maxHeaderCount) }
        }
        guard scanned == chunk.count else { throw .headTooLarge(limit: limits.maxHeadBytes) }
        if progress.pendingLength == 0, lineStart < scanned { progress.pendingFirst = chunk[lineStart] }
        progress.pendingLength += scanned - lineStart
        progress.total += scanned
        return nil
    }
}
