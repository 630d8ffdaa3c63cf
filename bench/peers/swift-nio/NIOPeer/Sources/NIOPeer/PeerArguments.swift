/// The few flags the peer takes; anything malformed falls back to the default.
struct PeerArguments {
    var host = "127.0.0.1"
    var port = 8080
    /// Event loops; one by default, the fair setting on one pinned core.
    var threads = 1

    init(_ arguments: ArraySlice<String>) {
        var rest = arguments
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { break }
            switch flag {
            case "--host": host = value
            case "--port": port = Int(value) ?? port
            case "--threads": threads = max(1, Int(value) ?? threads)
            default: print("ignoring unknown flag \(flag)")
            }
        }
    }
}
