/// Writes RESP2 framing straight into a caller's buffer: no intermediate
/// strings for numbers, no temporary arrays for payloads.
public enum RESPEncoder {
    static let crlf: [UInt8] = [ASCII.carriageReturn, ASCII.lineFeed]

    /// `*COUNT\r\n`, which opens an array (a command) of `count` elements.
    public static func appendArrayHeader(count: Int, to buffer: inout [UInt8]) {
        appendLine(type: UInt8(ascii: "*"), number: Int64(count), to: &buffer)
    }

    /// `$LENGTH\r\nBYTES\r\n`.
    public static func appendBulk(_ bytes: some Collection<UInt8>, to buffer: inout [UInt8]) {
        appendLine(type: UInt8(ascii: "$"), number: Int64(bytes.count), to: &buffer)
        buffer.append(contentsOf: bytes)
        buffer.append(contentsOf: crlf)
    }

    /// A bulk string holding the decimal digits of `value`, as Redis expects integer arguments.
    public static func appendBulk(decimal value: Int64, to buffer: inout [UInt8]) {
        appendLine(type: UInt8(ascii: "$"), number: Int64(decimalCount(value)), to: &buffer)
        appendDecimal(value, to: &buffer)
        buffer.append(contentsOf: crlf)
    }

    /// A type byte, a decimal number and CRLF: `:42\r\n`, `$5\r\n`, `*3\r\n`.
    static func appendLine(type: UInt8, number: Int64, to buffer: inout [UInt8]) {
        buffer.append(type)
        appendDecimal(number, to: &buffer)
        buffer.append(contentsOf: crlf)
    }

    /// Bytes that `appendBulk` writes for a payload of `length` bytes.
    static func bulkCount(length: Int) -> Int {
        1 + decimalCount(Int64(length)) + 2 + length + 2
    }

    /// Bytes that `appendArrayHeader` writes.
    static func arrayHeaderCount(count: Int) -> Int {
        1 + decimalCount(Int64(count)) + 2
    }

    /// Characters in the decimal form of `value`, its minus sign included.
    static func decimalCount(_ value: Int64) -> Int {
        var magnitude = value.magnitude
        var count = value < 0 ? 2 : 1
        while magnitude >= 10 {
            magnitude /= 10
            count += 1
        }
        return count
    }

    /// The decimal digits of `value`, written in place from the last one back.
    static func appendDecimal(_ value: Int64, to buffer: inout [UInt8]) {
        let start = buffer.count
        let count = decimalCount(value)
        buffer.append(contentsOf: repeatElement(UInt8(ascii: "-"), count: count))
        var magnitude = value.magnitude
        var index = start + count - 1
        repeat {
            buffer[index] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
            index -= 1
        } while magnitude > 0
    }
}
