import Synchronization

/// Hands out client serial numbers, unique across every loop for the life
/// of the process (the public id is `c<serial>`).
enum ServerSerials {
    private static let counter = Atomic<UInt64>(0)

    static func next() -> UInt64 {
        counter.wrappingAdd(1, ordering: .relaxed).newValue
    }
}
