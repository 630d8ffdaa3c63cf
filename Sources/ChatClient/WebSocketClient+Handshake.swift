import WSClient

extension WebSocketClient {
    /// Events that came in the same read as the server's handshake answer
    /// (a chat server's `welcome`, say). `pump` reports only what its own
    /// read completes, so a poll loop takes these once, right after connecting.
    func eventsReceivedWithHandshake() -> [ClientEvent] {
        var events: [ClientEvent] = []
        while let event = try? next(timeout: 0) {
            events.append(event)
        }
        return events
    }
}
