/// Appends the pieces of an HTTP/1.1 head to a byte array: what
/// `HTTPResponse` and `ClientHandshake` write, with no `String` concatenation.
enum HTTPHeadWriter {
    static func appendLineEnd(to out: inout [UInt8]) {
        out.append(ASCII.cr)
        out.append(ASCII.lf)
    }

    /// `name: value` and CRLF.
    static func appendField(_ name: String, _ value: String, to out: inout [UInt8]) {
        appendText(name, to: &out)
        out.append(ASCII.colon)
        out.append(ASCII.space)
        appendText(value, to: &out)
        appendLineEnd(to: &out)
    }

    /// Copies `text`, turning CR, LF and NUL into SP, so that no value can
    /// end its line early and smuggle a header or a body into the message.
    static func appendText(_ text: String, to out: inout [UInt8]) {
        let start = out.count
        out.append(contentsOf: text.utf8)
        for index in start..<out.count where out[index] == ASCII.cr || out[index] == ASCII.lf || out[index] == ASCII.nul {
            out[index] = ASCII.space
        }
    }

    static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        precondition(value >= 0, "HTTP numbers are not negative")
        var divisor = 1
        while divisor <= value / 10 { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            out.append(0x30 + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }
}
