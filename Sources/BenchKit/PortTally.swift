/// How the connections sent to one `--port` fared, so that a run spread
/// over several server nodes shows each node's share.
public struct PortTally: Equatable, Sendable {
    public let port: Int
    public var handshakesOK = 0
    public var ready = 0
    public var failed = 0
}
