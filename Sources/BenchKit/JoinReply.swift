/// Recognises the server's answer to a join: a text frame holding
/// `"type":"joined"`, whitespace allowed around the colon, wherever the
/// field sits in the object (wsload's rule).
public enum JoinReply {
    private static let key = Array("\"type\"".utf8)
    private static let value = Array("\"joined\"".utf8)

    public static func matches(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var start = 0
        while let found = find(key, in: bytes, from: start) {
            var offset = skipSpace(bytes, found + key.count)
            if offset < bytes.count, bytes[offset] == UInt8(ascii: ":") {
                offset = skipSpace(bytes, offset + 1)
                if hasPrefix(value, bytes, at: offset) { return true }
            }
            start = found + key.count
        }
        return false
    }

    private static func find(_ needle: [UInt8], in bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard bytes.count >= needle.count, start <= bytes.count - needle.count else { return nil }
        return (start...(bytes.count - needle.count)).first { hasPrefix(needle, bytes, at: $0) }
    }

    private static func hasPrefix(_ needle: [UInt8], _ bytes: UnsafeRawBufferPointer, at offset: Int) -> Bool {
        guard bytes.count - offset >= needle.count else { return false }
        for index in needle.indices where bytes[offset + index] != needle[index] { return false }
        return true
    }

    private static func skipSpace(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> Int {
        var offset = offset
        while offset < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[offset]) { offset += 1 }
        return offset
    }
}
