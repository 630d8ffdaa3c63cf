import Synchronization

/// Bytes of chat work queued for the registry and not yet run, across
/// every loop. Reading stops above `limit` and resumes below half of it,
/// so a registry that falls behind slows the readers down instead of
/// letting their requests pile up.
final class RegistryBacklog: Sendable {
    static let limit = 8 << 20
    private let bytes = Atomic<Int>(0)

    func add(_ delta: Int) {
        bytes.wrappingAdd(delta, ordering: .relaxed)
    }

    var current: Int { bytes.load(ordering: .relaxed) }
    var isOverLimit: Bool { current > RegistryBacklog.limit }
    var isBelowResumeMark: Bool { current <= RegistryBacklog.limit / 2 }
}
