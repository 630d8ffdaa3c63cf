import ChatWire

/// The text of `--payload json`: an array of records like an application's
/// events, written by ChatWire's `JSONWriter`, their values drawn from small
/// vocabularies by a seeded generator, so a message compresses as such data
/// does rather than as one string repeated. Same text on every run; no `@`
/// (a latency marker starts with one) and nothing that needs an escape
/// except the quotes.
enum JSONLikeText {
    private static let names = ["maria.k", "jon", "aiko_t", "priya", "lucas.m", "sven", "amara", "chen.w", "olga", "tomas"]
    private static let kinds = ["update", "comment", "status", "reaction", "assign", "close"]
    private static let tags = ["ops", "release", "frontend", "backend", "urgent", "docs", "qa", "infra"]
    private static let words = [
        "the", "build", "relay", "passed", "review", "after", "retry", "queue", "latency", "dropped",
        "on", "node", "three", "deploy", "window", "opens", "at", "noon", "please", "check",
        "metrics", "for", "the", "eastern", "cluster", "cache", "warmed", "up", "and", "ready",
    ]

    /// Whole records until there are at least `count` bytes.
    static func make(atLeast count: Int) -> [UInt8] {
        var writer = JSONWriter(capacity: count + 512)
        var state: UInt64 = 0x5EED
        writer.beginArray()
        var index = 0
        while writer.bytes.count < count {
            writeRecord(index, &state, into: &writer)
            index += 1
        }
        writer.endArray()
        return writer.bytes
    }

    private static func writeRecord(_ index: Int, _ state: inout UInt64, into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("id")
        writer.string(prefix: "evt-", number: UInt64(1000 + index))
        writer.key("user")
        writer.beginObject()
        writer.field("id", Int(random(&state) % 9000) + 1000)
        writer.field("name", pick(names, &state))
        writer.endObject()
        writer.field("kind", pick(kinds, &state))
        writer.field("ts", 1_718_000_000_000 + Int(random(&state) % 86_400_000))
        writer.key("tags")
        writer.beginArray()
        for _ in 0..<(1 + random(&state) % 3) { writer.string(pick(tags, &state)) }
        writer.endArray()
        writer.field("read", random(&state) % 2 == 0)
        writer.field("text", sentence(&state))
        writer.endObject()
    }

    private static func sentence(_ state: inout UInt64) -> String {
        (0..<(6 + random(&state) % 8)).map { _ in pick(words, &state) }.joined(separator: " ")
    }

    private static func pick(_ list: [String], _ state: inout UInt64) -> String {
        list[Int(random(&state) % UInt64(list.count))]
    }

    /// SplitMix64: a fixed seed gives the same text every run.
    private static func random(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
