/// Cuts a byte stream into lines at `\n` (which is dropped; a `\r` before
/// it is kept, since lines go out as they are). Each byte is scanned once,
/// so a line of many megabytes arriving in small reads costs linear time.
public struct LineSplitter {
    private var buffer: [UInt8] = []
    private var scanned = 0

    public init() {}

    /// Adds `bytes` and returns the lines they complete.
    public mutating func append(_ bytes: some Collection<UInt8>) -> [[UInt8]] {
        buffer.append(contentsOf: bytes)
        var lines: [[UInt8]] = []
        var lineStart = 0
        while let newline = buffer[scanned...].firstIndex(of: UInt8(ascii: "\n")) {
            lines.append(Array(buffer[lineStart..<newline]))
            lineStart = newline + 1
            scanned = lineStart
        }
        scanned = buffer.count
        if lineStart > 0 {
            buffer.removeFirst(lineStart)
            scanned -= lineStart
        }
        return lines
    }

    /// What is left at the end of the input: a last line without `\n`, if any.
    public mutating func finish() -> [UInt8]? {
        defer {
            buffer = []
            scanned = 0
        }
        return buffer.isEmpty ? nil : buffer
    }
}
