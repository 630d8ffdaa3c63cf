import ChatWire

/// The wording of the notices about people, rooms and recovery.
extension ChatView {
    /// The mark after a verified user's name: the server vouches for the
    /// name (its `user` field comes from a signed token).
    static let verifiedMark = "✓"

    /// Check marks a name may not show, so that no guest can look verified:
    /// `alice ✓` typed as a nickname prints as `alice �`.
    static let checkMarkLookalikes: Set<UInt32> = [0x221A, 0x2611, 0x2705, 0x2713, 0x2714, 0x10102, 0x1F5F8, 0x1F5F9]

    static let notDelivered = "not delivered: the server cannot reach its backplane; try again later"

    /// A name as shown, with `✓` for a verified user.
    func label(_ name: String, user: String?) -> String {
        var shown = String.UnicodeScalarView()
        for scalar in safe(name).unicodeScalars {
            shown.append(Self.checkMarkLookalikes.contains(scalar.value) ? SafeText.replacement : scalar)
        }
        return String(shown) + (user == nil ? "" : " " + Self.verifiedMark)
    }

    func presence(room: String, member: ChatMember, change: Notice.Change) -> String {
        let name = label(member.name, user: member.user)
        return switch change {
        case .joined: "\(name) joined \(tag(room))"
        case .left: "\(name) left \(tag(room))"
        case .renamed(let old?): "\(label(old, user: member.user)) is now \(name)"
        case .renamed(nil): "someone in \(tag(room)) is now \(name)"
        }
    }

    func welcome(name: String, user: String?) -> String {
        let who = user.map { "\(label(name, user: $0)) (signed in as \(safe($0)))" } ?? label(name, user: nil)
        return "you are \(who); /help lists the commands"
    }

    func roomList(_ rooms: [ChatEvent.RoomCount], total: Int?) -> String {
        guard !rooms.isEmpty else { return "no rooms yet" }
        return "rooms\(shown(rooms.count, of: total)): " + rooms.map { "\(tag($0.room)) (\($0.members))" }.joined(separator: ", ")
    }

    /// `in #a: ann (you), alice ✓ (@u-alice), bob`: a verified user's id
    /// is named when it is not the name itself.
    func memberList(room: String, members: [ChatMember], ownID: String?, total: Int?) -> String {
        let names = members.map { member in
            let id = member.user.flatMap { $0 == member.name ? nil : " (@\(safe($0)))" } ?? ""
            return label(member.name, user: member.user) + id + (member.id == ownID ? " (you)" : "")
        }
        return "in \(tag(room))\(shown(members.count, of: total)): " + names.joined(separator: ", ")
    }

    /// ` (2 of 1500)` when the server listed only part; nothing otherwise.
    private func shown(_ count: Int, of total: Int?) -> String {
        guard let total, total != count else { return "" }
        return " (\(count) of \(total))"
    }

    func recoveredSuffix(_ count: Int?) -> String {
        switch count {
        case nil: ""
        case 0?: ", nothing missed"
        case 1?: ", 1 missed message recovered"
        case let count?: ", \(count) missed messages recovered"
        }
    }

    /// Never `range.count`: a range a hostile server spans can exceed `Int`.
    func lost(room: String, range: ClosedRange<UInt64>) -> String {
        let which = range.lowerBound == range.upperBound
            ? "message \(range.lowerBound) was" : "messages \(range.lowerBound)–\(range.upperBound) were"
        return "\(tag(room)): \(which) missed and could not be recovered"
    }

    func notRecovered(_ room: String) -> String {
        "\(tag(room)): history could not be fully recovered, so the view was reset"
    }

    func historyLost(_ room: String) -> String {
        "\(tag(room)): the server lost the room's history; its numbering restarted"
    }

    func joinRetry(room: String, delay: Double) -> String {
        "\(tag(room)): the server cannot reach its backplane; joining again in \(Self.seconds(delay))"
    }

    func restarted(_ room: String, _ previous: UInt64, _ current: UInt64) -> String {
        "\(tag(room)) was reset on the server (seq \(previous) → \(current)), so messages you missed before that cannot be recovered"
    }
}
