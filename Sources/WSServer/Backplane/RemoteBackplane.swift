/// A backplane that answers later (Redis): the registry submits commands
/// and the backplane calls the registry's `apply` with the answers, on the
/// registry's executor.
public protocol RemoteBackplane: AnyObject, Sendable {
    func submit(_ commands: [BackplaneCommand], now: Moment)
    /// Rooms with members on every node, as last counted.
    var roomCount: Int { get }
}
