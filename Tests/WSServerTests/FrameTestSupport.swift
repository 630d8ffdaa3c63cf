import ChatWire
import Testing
@testable import WSServer

/// A client id for tests: serial `serial`, loop 0, slot `serial`.
func client(_ serial: UInt64) -> ClientID { ClientID(serial: serial, loop: 0, slot: Int(serial)) }

/// Test time: `seconds` after an arbitrary origin, on both clocks.
func at(_ seconds: Double) -> Moment {
    Moment(uptimeNanos: 1_000_000_000_000, epochMillis: 1_700_000_000_000).adding(seconds: seconds)
}

/// Parses JSON text written in a test, failing the test if it does not parse.
func json(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> JSONValue {
    do {
        return try JSONParser.parse(Array(text.utf8))
    } catch {
        Issue.record("test JSON does not parse: \(error)", sourceLocation: sourceLocation)
        return .null
    }
}

/// The payload of one unmasked, final text frame, after checking its header
/// (2, 4 or 10 bytes, as the length needs).
func payload(ofFrame frame: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> [UInt8] {
    guard frame.count >= 2 else {
        Issue.record("frame too short", sourceLocation: sourceLocation)
        return []
    }
    #expect(frame[0] == 0x81, "FIN + text opcode", sourceLocation: sourceLocation)
    #expect(frame[1] & 0x80 == 0, "server frames are unmasked", sourceLocation: sourceLocation)
    let (headerLength, length): (Int, Int)
    switch frame[1] & 0x7F {
    case 126: (headerLength, length) = (4, Int(frame[2]) << 8 | Int(frame[3]))
    case 127: (headerLength, length) = (10, frame[2..<10].reduce(0) { $0 << 8 | Int($1) })
    case let short: (headerLength, length) = (2, Int(short))
    }
    #expect(frame.count == headerLength + length, "exact frame size", sourceLocation: sourceLocation)
    return Array(frame[min(headerLength, frame.count)...])
}

/// The JSON event carried by a frame.
func event(ofFrame frame: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> JSONValue {
    do {
        return try JSONParser.parse(payload(ofFrame: frame, sourceLocation: sourceLocation))
    } catch {
        Issue.record("frame payload is not JSON: \(error)", sourceLocation: sourceLocation)
        return .null
    }
}

/// A room name known to be valid.
func room(_ name: String) -> RoomName { RoomName(name)! }
