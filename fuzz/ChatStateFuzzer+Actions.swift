/// The steps a script can take. The step byte's bits 3-7 choose:
/// 0-1 connect (again: a new connection in the slot), 2-15 a request built
/// from the input, 16-17 a raw text frame, 18 touch, 19-20 disconnect (with
/// the close handshake on 20), 21-22 time passes (0 to 64 s), 23 the sweep,
/// 24-25 an API call, 26-29 the delayed backplane moves (a request with the
/// memory one), 30 the backplane's availability flips (touch with the
/// memory one), 31 a long wait (up to 255 s) and a sweep. A step that needs a
/// client in an empty slot connects one instead.
extension ChatStateFuzzer {
    mutating func perform(_ step: UInt8) {
        let slot = Int(step & 7)
        let action = Int(step >> 3)
        guard let id = slots[slot] else { return connect(slot: slot) }
        switch action {
        case 0...1: connect(slot: slot)
        case 2...15: sendRequest(from: id)
        case 16...17: sendRawFrame(from: id)
        case 18: run(.touch(id))
        case 19...20: disconnect(id, acknowledge: action == 20)
        case 21...22: now = now.adding(seconds: Double(input.byte()) / 4)
        case 23: sweep()
        case 24...25: callAPI()
        case 26...29: backplane == nil ? sendRequest(from: id) : moveBackplane(steps: 1 + Int(input.byte() & 7))
        case 30: backplane == nil ? run(.touch(id)) : flipAvailability()
        default:
            now = now.adding(seconds: Double(input.byte()))
            sweep()
        }
        if backplane == nil { model.forgetUnansweredJoins() }
    }

    mutating func disconnect(_ id: ClientID, acknowledge: Bool) {
        model.disconnected(id)
        slots[id.slot] = nil
        run(.disconnect(id, acknowledge: acknowledge))
    }

    mutating func sweep() {
        backplane?.memory.expire(now: now)
        model.inSweep = true
        observe(node.sweep(now: now))
        model.inSweep = false
    }

    /// Runs commands and hands on events of either stream, as the input says.
    mutating func moveBackplane(steps: Int) {
        for _ in 0..<steps {
            let choice = input.byte()
            switch choice & 3 {
            case 0, 1: backplane?.runNext(now: now, failing: choice >= 0xE0)
            case 2: deliverNext(fromChannel: true)
            default: deliverNext(fromChannel: false)
            }
        }
    }

    private mutating func deliverNext(fromChannel: Bool) {
        guard let event = backplane?.nextEvent(fromChannel: fromChannel) else { return }
        observe(node.apply(event, now: now))
    }

    private mutating func flipAvailability() {
        let available = !node.state.backplaneAvailable
        observe(node.apply(.availability(available), now: now))
    }

    /// Everything the backplane still holds, commands first; bounded, as
    /// answers may cause commands but never without end.
    mutating func drain() {
        guard backplane != nil else { return }
        observe(node.apply(.availability(true), now: now))
        var rounds = 0
        while backplane?.isSettled == false {
            rounds += 1
            Fuzz.require(rounds < 100_000, "the backplane never settles")
            if backplane?.runNext(now: now, failing: false) == true { continue }
            if backplane?.channel.isEmpty == false {
                deliverNext(fromChannel: true)
            } else {
                deliverNext(fromChannel: false)
            }
        }
    }
}
