/// Decodes RESP2 replies from a byte stream split at any point: inside a
/// type byte's line, between CR and LF, inside a number, inside a bulk
/// payload or its terminator. Nothing is ever read past the value it
/// completes, and every limit in `RESPLimits` is checked as the bytes that
/// break it arrive.
///
/// Use: hand each read to `next(_:)` until it returns nil (the input is used
/// up and any partial value is held for the next read). A thrown error is
/// final: every later call throws it again, since a RESP stream cannot be
/// resynchronised after a protocol violation.
public struct RESPParser: Sendable {
    /// What the current line means, from the type byte that opened it.
    enum LineKind: Sendable {
        case simpleString, error, integer, bulkLength, arrayLength
    }

    /// Where the parser stands within the current value.
    enum State: Sendable {
        /// Waiting for a value's type byte.
        case typeByte
        /// Collecting a line into `line`.
        case line(LineKind)
        /// The line's CR arrived; its LF must come next.
        case lineFeed(LineKind)
        /// Collecting a bulk payload into `bulk`: bytes still due.
        case bulk(remaining: Int)
        /// The payload is complete; its CRLF follows (`crSeen` once the CR came).
        case bulkTerminator(crSeen: Bool)
    }

    /// An array whose elements are still arriving.
    struct OpenArray: Sendable {
        var elements: [RESPValue]
        var remaining: Int
    }

    public let limits: RESPLimits
    var state = State.typeByte
    var line: [UInt8] = []
    var bulk: [UInt8] = []
    var openArrays: [OpenArray] = []
    /// Wire bytes of the top-level value in progress, for `maxValueBytes`.
    var valueBytes = 0
    private var failure: RESPError?

    public init(limits: RESPLimits = RESPLimits()) {
        self.limits = limits
    }

    /// Decodes from the front of `input`, advancing it past the bytes used,
    /// and returns the first complete top-level value; nil once `input` is
    /// used up without completing one.
    public mutating func next(_ input: inout UnsafeRawBufferPointer) throws(RESPError) -> RESPValue? {
        if let failure { throw failure }
        do throws(RESPError) {
            while !input.isEmpty {
                // Steps only see the bytes the value may still take, so every
                // limit trips at the same byte however the input was split.
                let budget = limits.maxValueBytes - valueBytes
                guard budget > 0 else { throw .valueTooLarge(limit: limits.maxValueBytes) }
                var window = UnsafeRawBufferPointer(rebasing: input.prefix(budget))
                let offered = window.count
                let value = try step(&window)
                let used = offered - window.count
                valueBytes += used
                input = UnsafeRawBufferPointer(rebasing: input.dropFirst(used))
                if let value {
                    valueBytes = 0
                    return value
                }
            }
            return nil
        } catch {
            failure = error
            throw error
        }
    }

    /// Takes one step of the state machine; returns a value when one completes at the top level.
    private mutating func step(_ input: inout UnsafeRawBufferPointer) throws(RESPError) -> RESPValue? {
        switch state {
        case .typeByte:
            state = .line(try Self.lineKind(of: input.takeFirst()))
            return nil
        case .line(let kind):
            try collectLine(&input, kind)
            return nil
        case .lineFeed(let kind):
            guard input.takeFirst() == ASCII.lineFeed else { throw .invalidLineEnding }
            return try finishLine(kind)
        case .bulk(let remaining):
            collectBulk(&input, remaining: remaining)
            return nil
        case .bulkTerminator(let crSeen):
            guard input.takeFirst() == (crSeen ? ASCII.lineFeed : ASCII.carriageReturn) else { throw .missingBulkTerminator }
            guard crSeen else {
                state = .bulkTerminator(crSeen: true)
                return nil
            }
            let payload = bulk
            bulk = []
            return complete(.bulkString(payload))
        }
    }

    private static func lineKind(of typeByte: UInt8) throws(RESPError) -> LineKind {
        switch typeByte {
        case UInt8(ascii: "+"): .simpleString
        case UInt8(ascii: "-"): .error
        case UInt8(ascii: ":"): .integer
        case UInt8(ascii: "$"): .bulkLength
        case UInt8(ascii: "*"): .arrayLength
        default: throw .unknownType(typeByte)
        }
    }

    /// Moves line bytes from `input` into `line` up to the CR, which it consumes too.
    private mutating func collectLine(_ input: inout UnsafeRawBufferPointer, _ kind: LineKind) throws(RESPError) {
        while !input.isEmpty {
            let byte = input.takeFirst()
            switch byte {
            case ASCII.carriageReturn:
                state = .lineFeed(kind)
                return
            case ASCII.lineFeed:
                throw .invalidLineEnding
            default:
                guard line.count < limits.maxLineLength else { throw .lineTooLong(limit: limits.maxLineLength) }
                line.append(byte)
            }
        }
    }

    private mutating func collectBulk(_ input: inout UnsafeRawBufferPointer, remaining: Int) {
        let take = min(remaining, input.count)
        bulk.append(contentsOf: UnsafeRawBufferPointer(rebasing: input.prefix(take)))
        input = UnsafeRawBufferPointer(rebasing: input.dropFirst(take))
        state = take == remaining ? .bulkTerminator(crSeen: false) : .bulk(remaining: remaining - take)
    }

    /// Adds a finished value to the innermost open array, closing every array
    /// it completes; returns the value once a top-level one is complete.
    mutating func complete(_ finished: RESPValue) -> RESPValue? {
        state = .typeByte
        var value = finished
        while !openArrays.isEmpty {
            let last = openArrays.count - 1
            openArrays[last].elements.append(value)
            openArrays[last].remaining -= 1
            guard openArrays[last].remaining == 0 else { return nil }
            value = .array(openArrays.removeLast().elements)
        }
        return value
    }
}

extension UnsafeRawBufferPointer {
    /// Removes and returns the first byte; the buffer must not be empty.
    fileprivate mutating func takeFirst() -> UInt8 {
        let byte = self[startIndex]
        self = UnsafeRawBufferPointer(rebasing: dropFirst())
        return byte
    }
}
