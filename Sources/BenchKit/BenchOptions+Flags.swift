import ChatWire
import SystemKit

/// Each flag's value, checked against the ranges wsload accepts.
extension BenchOptions {
    mutating func apply(_ flag: String, _ value: String) throws(UsageError) {
        switch flag {
        case "--host": host = value
        case "--port": ports = try Self.ports(value)
        case "--path": pathOption = value
        case "-n", "--clients", "--connections": clientsOption = try Self.integer(flag, value, 1...10_000_000)
        case "--rate": rateOption = try Self.rate(value)
        case "--window": window = try Self.integer(flag, value, 1...1_000_000)
        case "--size": size = try Self.integer(flag, value, 1...(16 << 20))
        case "--payload": payload = try Self.payload(value)
        case "--senders": senders = try Self.integer(flag, value, 1...10_000_000)
        case "--rooms": rooms = try Self.integer(flag, value, 1...10_000_000)
        case "--room": room = value
        case "--join": join = value
        case "--ca-file": caFile = value
        case "--concurrency": concurrency = try Self.integer(flag, value, 1...10_000_000)
        default: try applySeconds(flag, value)
        }
    }

    private mutating func applySeconds(_ flag: String, _ value: String) throws(UsageError) {
        switch flag {
        case "--duration": duration = try Self.number(flag, value, 0.001...86400)
        case "--warmup": warmup = try Self.number(flag, value, 0...86400)
        case "--drain": drain = try Self.number(flag, value, 0...3600)
        case "--hold": hold = try Self.number(flag, value, 0...86400)
        case "--setup-timeout": setupTimeout = try Self.number(flag, value, 0.001...86400)
        case "--stall-timeout": stallTimeout = try Self.number(flag, value, 0.001...3600)
        case "--close-wait": closeWait = try Self.number(flag, value, 0...600)
        default: throw UsageError(message: "unknown option '\(flag)'")
        }
    }

    /// The checks that involve more than one flag, and the texts that go into
    /// the upgrade request and the chat requests.
    func validate() throws(UsageError) {
        guard path.hasPrefix("/"), path.utf8.count <= 512, Self.isPlainText(path), !path.contains(" ") else {
            throw UsageError(message: "--path must start with '/' and be printable ASCII without spaces, '\"' or '\\'")
        }
        guard !host.isEmpty, Self.isPlainText(host) else { throw UsageError(message: "--host must be a name or an address") }
        guard RoomName(room) != nil else { throw UsageError(message: "--room must be a room name: \(ChatError.badRoomMessage)") }
        // The last of the rooms scenario's names is the longest.
        if scenario == .rooms, RoomName("\(room)-\(rooms - 1)") == nil {
            throw UsageError(message: "--room is too long for \(rooms) rooms: '\(room)-\(rooms - 1)' must be a room name too")
        }
        if inflateEach, !deflate { throw UsageError(message: "--inflate-each applies to --deflate only") }
        if !tls, caFile != nil || insecure {
            throw UsageError(message: "--ca-file and --insecure apply to --tls only")
        }
        if insecure, caFile != nil {
            throw UsageError(message: "--insecure trusts any certificate: --ca-file would be ignored")
        }
        if let join, RoomName(join) == nil {
            throw UsageError(message: "--join must be a room name: \(ChatError.badRoomMessage)")
        }
        if scenario == .fanout, senders > clients {
            throw UsageError(message: "--senders (\(senders)) cannot exceed --clients (\(clients))")
        }
        if scenario == .rooms, rooms > clients {
            throw UsageError(message: "--rooms (\(rooms)) cannot exceed --clients (\(clients))")
        }
    }

    /// Printable ASCII without `"` or `\`: nothing a request line or a
    /// `Host` field would have to encode, and nothing a report must escape.
    static func isPlainText(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
    }

    /// At most 64, as in wsload; each 1...65535.
    private static func ports(_ text: String) throws(UsageError) -> [Int] {
        let items = text.split(separator: ",", omittingEmptySubsequences: false)
        guard items.count <= 64 else { throw UsageError(message: "--port takes at most 64 ports") }
        var ports: [Int] = []
        for item in items { ports.append(try integer("--port", String(item), 1...65535)) }
        return ports
    }

    private static func payload(_ text: String) throws(UsageError) -> Payload {
        guard let payload = Payload(rawValue: text) else {
            throw UsageError(message: "bad value for --payload: '\(text)' (expected letters or json)")
        }
        return payload
    }

    private static func rate(_ text: String) throws(UsageError) -> SendRate {
        if text == "max" { return .max }
        return .perSecond(try number("--rate", text, 1e-6...1e9))
    }

    static func number(_ flag: String, _ text: String, _ range: ClosedRange<Double>) throws(UsageError) -> Double {
        guard let value = Double(text), value.isFinite, range.contains(value) else {
            throw UsageError(message: "bad value for \(flag): '\(text)' (expected \(range.lowerBound)...\(range.upperBound))")
        }
        return value
    }

    static func integer(_ flag: String, _ text: String, _ range: ClosedRange<Int>) throws(UsageError) -> Int {
        guard let value = Double(text), value.isFinite, value == value.rounded(), range.contains(Int(exactly: value) ?? -1) else {
            throw UsageError(message: "bad value for \(flag): '\(text)' (expected a whole number \(range.lowerBound)...\(range.upperBound))")
        }
        return Int(value)
    }
}
