/// Appends compact JSON (no insignificant whitespace) to a byte buffer,
/// without Foundation and without intermediate strings.
///
/// Commas are placed automatically: a key, or a value that is not right after
/// a key, gets a comma when something complete was written before it in the
/// same container. So a caller writes
/// `beginObject(); key("a"); int(1); key("b"); int(2); endObject()` and gets
/// `{"a":1,"b":2}`.
public struct JSONWriter {
    /// The JSON written so far.
    public private(set) var bytes: [UInt8]
    /// Whether the last thing written was a complete value (or member), so
    /// the next key or element needs a comma first.
    private var afterValue = false

    public init(capacity: Int = 128) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        afterValue = false
    }

    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        afterValue = true
    }

    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        afterValue = false
    }

    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        afterValue = true
    }

    /// An object key that is a plain ASCII literal needing no escapes.
    public mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        appendASCII(name)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        afterValue = false
    }

    /// An object key from arbitrary text, escaped as needed.
    public mutating func key(_ name: String) {
        separate()
        appendQuoted(name)
        bytes.append(UInt8(ascii: ":"))
        afterValue = false
    }

    /// A string value, escaped per RFC 8259: `"`, `\` and U+0000-U+001F are
    /// escaped; every other character goes out as its UTF-8 bytes.
    public mutating func string(_ value: String) {
        separate()
        appendQuoted(value)
    }

    /// A string value that is a plain ASCII literal needing no escapes.
    public mutating func asciiString(_ value: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        appendASCII(value)
        bytes.append(UInt8(ascii: "\""))
    }

    /// A string made of an ASCII prefix and a decimal number, such as `"c42"`,
    /// written without building the text first.
    public mutating func string(prefix: StaticString, number: UInt64) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        appendASCII(prefix)
        appendDigits(of: UInt(number))
        bytes.append(UInt8(ascii: "\""))
    }

    public mutating func int(_ value: Int) {
        separate()
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(of: value.magnitude)
    }

    public mutating func int(_ value: Int64) { int(Int(value)) }

    public mutating func uint(_ value: UInt64) {
        separate()
        appendDigits(of: UInt(value))
    }

    public mutating func bool(_ value: Bool) {
        separate()
        appendASCII(value ? "true" : "false")
    }

    public mutating func null() {
        separate()
        appendASCII("null")
    }

    /// A number given as JSON number text (as `JSONValue.number` keeps it),
    /// written unchanged, so `1.50` stays `1.50`.
    public mutating func rawNumber(_ text: String) {
        separate()
        bytes.append(contentsOf: text.utf8)
    }

    /// A complete JSON value that is already encoded, spliced in unchanged.
    public mutating func rawJSON(_ json: some Collection<UInt8>) {
        separate()
        bytes.append(contentsOf: json)
    }

    /// Members of an object that are already encoded (`"a":1,"b":2`),
    /// spliced into the object being written, with a comma before them if
    /// a member precedes. An empty fragment adds nothing.
    public mutating func rawFields(_ members: [UInt8]) {
        guard !members.isEmpty else { return }
        separate()
        bytes.append(contentsOf: members)
    }

    /// Any parsed value, members and elements in their original order.
    public mutating func value(_ value: JSONValue) {
        switch value {
        case .null: null()
        case .bool(let flag): bool(flag)
        case .number(let text): rawNumber(text)
        case .string(let text): string(text)
        case .array(let elements):
            beginArray()
            for element in elements { self.value(element) }
            endArray()
        case .object(let members):
            beginObject()
            for member in members {
                key(member.key)
                self.value(member.value)
            }
            endObject()
        }
    }

    /// Starts a key or value: a comma if it follows a complete one. What
    /// is written next counts as complete unless it opens a container or is
    /// a key (those callers reset `afterValue` once their part is written).
    private mutating func separate() {
        if afterValue { bytes.append(UInt8(ascii: ",")) }
        afterValue = true
    }

    private mutating func appendASCII(_ literal: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    private mutating func appendDigits(of magnitude: UInt) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var remaining = magnitude
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(remaining % 10)
                remaining /= 10
            } while remaining != 0
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    private mutating func appendQuoted(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { appendEscaped($0) }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Copies runs of bytes that need no escape in one go.
    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        for index in utf8.indices {
            let byte = utf8[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
            appendEscape(for: byte)
            runStart = index + 1
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
    }

    /// The two-character escapes where RFC 8259 has them, `\u00XX` otherwise.
    private mutating func appendEscape(for byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        default:
            let hex: StaticString = "0123456789abcdef"
            appendASCII("u00")
            bytes.append(hex.utf8Start[Int(byte >> 4)])
            bytes.append(hex.utf8Start[Int(byte & 0xF)])
        }
    }
}
