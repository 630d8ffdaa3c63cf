import WSProtocol

/// What arrived from the server, with owned payloads.
public enum ClientEvent: Equatable, Sendable {
    case text(String)
    case binary([UInt8])
    case ping([UInt8])
    case pong([UInt8])
    /// The close handshake finished (code 1005 when the frame carried none).
    case closed(CloseCode, reason: String)
    /// The server broke the protocol; our close frame was sent.
    case failed(ProtocolError)
    /// The TCP connection ended without a close handshake.
    case disconnected

    /// The message text, if this is a text message.
    public var text: String? {
        if case .text(let text) = self { return text }
        return nil
    }
}
