/// The registry's batch entry point for the event loops.
extension RoomRegistry {
    /// Runs a pass's calls in order; returns the deliveries in order.
    func perform(_ calls: [RegistryCall], now: Moment) -> [Delivery] {
        var deliveries: [Delivery] = []
        for call in calls {
            switch call {
            case .connect(let id, let name, let rooms, let since):
                deliveries += connect(id, name: name, rooms: rooms, since: since, now: now)
            case .request(let id, let request):
                deliveries += handle(id, request, now: now)
            case .invalid(let id, let error):
                deliveries += handleInvalid(id, error: error, now: now)
            case .touch(let id):
                touch(id, now: now)
            case .disconnect(let id, let acknowledge):
                deliveries += disconnect(id, now: now)
                if acknowledge { deliveries.append(Delivery(to: id, .completeClose)) }
            }
        }
        return deliveries
    }
}
