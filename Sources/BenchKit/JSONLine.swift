/// One JSON object written field by field on a single line. Keys and
/// string values are known to need no escaping (`BenchOptions` checks the
/// user's strings), so none is done.
struct JSONLine {
    private var text = "{"
    private var hasFields = false

    mutating func field(_ key: String, _ value: String) {
        raw(key, "\"" + value + "\"")
    }

    mutating func field(_ key: String, _ value: Int) { raw(key, String(value)) }
    mutating func field(_ key: String, _ value: UInt64) { raw(key, String(value)) }
    mutating func field(_ key: String, _ value: Int32) { raw(key, String(value)) }

    /// A number with `decimals` fractional digits.
    mutating func field(_ key: String, _ value: Double, decimals: Int) { raw(key, Fixed.format(value, decimals)) }

    /// A nested object.
    mutating func field(_ key: String, _ object: JSONLine) { raw(key, object.finished) }

    /// A value already in JSON form.
    mutating func raw(_ key: String, _ json: String) {
        if hasFields { text += "," }
        hasFields = true
        text += "\"" + key + "\":" + json
    }

    var finished: String { text + "}" }
}
