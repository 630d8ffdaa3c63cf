import Glibc

/// Wall-clock times in the local time zone, for message stamps.
public enum LocalTime {
    /// `HH:MM:SS` for `millis` since the Unix epoch.
    public static func clock(millis: Int64) -> String {
        var seconds = time_t(millis / 1000)
        var parts = tm()
        localtime_r(&seconds, &parts)
        var buffer = [CChar](repeating: 0, count: 16)
        let count = strftime(&buffer, buffer.count, "%H:%M:%S", &parts)
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
