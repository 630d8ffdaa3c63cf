import Glibc

/// RLIMIT_NOFILE: every connection is a descriptor, so the soft limit is
/// raised to the hard one before thousands of connections are opened.
enum DescriptorLimit {
    /// Raises the soft limit as far as allowed; returns the new soft limit.
    @discardableResult
    static func raise() -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 0 }
        if limit.rlim_cur < limit.rlim_max {
            limit.rlim_cur = limit.rlim_max
            _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
            _ = getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        }
        return Int(clamping: limit.rlim_cur)
    }
}
