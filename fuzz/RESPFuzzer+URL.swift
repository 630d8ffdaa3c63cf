/// The URL half of the RESP target: any text either fails with a typed
/// error or parses to a URL that, written back with every credential byte
/// percent-encoded, parses to the same URL; and no textual form of it
/// depends on the password.
extension RESPFuzzer {
    static func checkURL(_ text: String) {
        guard let url = try? RedisURL(parsing: text) else { return }
        let written = write(url)
        let reparsed: RedisURL
        do {
            reparsed = try RedisURL(parsing: written)
        } catch {
            return Fuzz.require(false, "\(written) (from \(text)) is refused: \(error)")
        }
        Fuzz.require(reparsed == url, "\(written) parses differently from \(text)")
        var other = url
        other.password = url.password.map { _ in Array("other".utf8) }
        for (shown, without) in [(url.redacted, other.redacted), (url.description, other.description), (url.debugDescription, other.debugDescription)] {
            Fuzz.require(shown == without, "\(shown) depends on the password")
        }
    }

    /// `redis://` with user and password fully percent-encoded.
    private static func write(_ url: RedisURL) -> String {
        var text = "redis://"
        if let password = url.password {
            text += (url.username.map { percentEncoded(Array($0.utf8)) } ?? "") + ":" + percentEncoded(password) + "@"
        }
        text += url.host.contains(":") ? "[\(url.host)]" : url.host
        return text + ":\(url.port)/\(url.database)"
    }

    private static func percentEncoded(_ bytes: [UInt8]) -> String {
        bytes.map { "%" + ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}
