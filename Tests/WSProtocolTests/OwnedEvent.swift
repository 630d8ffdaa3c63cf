import WSProtocol

/// A session event with its payload copied out: the session's buffers are
/// valid only during the callback.
enum OwnedEvent: Equatable, Sendable {
    case text([UInt8])
    case binary([UInt8])
    case ping([UInt8])
    case pong([UInt8])
    case closed(CloseCode, reason: String)
    case failed(ProtocolError)

    init(_ event: WebSocketSession.Event) {
        switch event {
        case .text(let payload): self = .text(Array(payload))
        case .binary(let payload): self = .binary(Array(payload))
        case .ping(let payload): self = .ping(Array(payload))
        case .pong(let payload): self = .pong(Array(payload))
        case .closed(let code, let reason): self = .closed(code, reason: reason)
        case .failed(let error): self = .failed(error)
        }
    }
}

extension OwnedEvent: CustomStringConvertible {
    var description: String {
        switch self {
        case .text(let payload): "text(\(PayloadText(payload)))"
        case .binary(let payload): "binary(\(PayloadText(payload)))"
        case .ping(let payload): "ping(\(PayloadText(payload)))"
        case .pong(let payload): "pong(\(PayloadText(payload)))"
        case .closed(let code, let reason): "closed(\(code), \"\(reason)\")"
        case .failed(let error): "failed(\(error))"
        }
    }
}

/// A payload for failure messages: its size and first bytes in hex.
struct PayloadText: CustomStringConvertible {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var description: String {
        let shown = bytes.prefix(24).map { String($0, radix: 16) }.joined(separator: " ")
        return "\(bytes.count) bytes: \(shown)\(bytes.count > 24 ? " …" : "")"
    }
}
