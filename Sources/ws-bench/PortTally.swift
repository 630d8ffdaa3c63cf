/// How the connections sent to one `--port` fared, so that a run spread
/// over several server nodes shows each node's share.
struct PortTally: Equatable, Sendable {
    let port: Int
    var handshakesOK = 0
    var ready = 0
    var failed = 0
}
