import WSProtocol

/// Which browser pages may open a session (RFC 6455 section 10.2: "servers
/// that are not intended to process input from any web page but only for
/// certain sites SHOULD verify the |Origin| field"). By default only the
/// server's own page: an Origin whose host and port are the request's
/// `Host`. `--allowed-origin` adds origins; `*` allows any. Requests without
/// an Origin come from programs, not browsers (a program can send any
/// Origin it likes, so the check protects browser users only) and pass.
struct OriginPolicy: Sendable {
    let allowed: [String]

    init(allowed: [String]) {
        self.allowed = allowed.map { $0.lowercased() }
    }

    var allowsAny: Bool { allowed.contains("*") }

    func allows(origin: String?, host: String) -> Bool {
        guard let origin else { return true }
        let lowered = origin.lowercased()
        if allowsAny || allowed.contains(lowered) { return true }
        guard let authority = OriginPolicy.authority(of: lowered) else { return false }
        return OriginPolicy.withoutDefaultPort(authority) == OriginPolicy.withoutDefaultPort(host.lowercased())
    }

    /// `host:80` and `host:443` name the same place as `host` does in an
    /// Origin (browsers leave out the scheme's default port).
    private static func withoutDefaultPort(_ authority: String) -> Substring {
        for suffix in [":80", ":443"] where authority.hasSuffix(suffix) {
            return authority.dropLast(suffix.count)
        }
        return authority[...]
    }

    /// `host[:port]` of an origin (`scheme://host[:port]`), nil for `null`
    /// or anything that is not a serialized origin.
    static func authority(of origin: String) -> String? {
        let parts = origin.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].hasPrefix("//") else { return nil }
        let authority = parts[1].dropFirst(2)
        guard !authority.isEmpty, !authority.contains("/") else { return nil }
        return String(authority)
    }
}
