/// Decimal text with a fixed number of fractional digits, as printf's `%.Nf`
/// would give (the package does without Foundation's `String(format:)`).
enum Fixed {
    static func format(_ value: Double, _ decimals: Int) -> String {
        guard value.isFinite else { return "0" }
        var scale: UInt64 = 1
        for _ in 0..<decimals { scale *= 10 }
        let magnitude = (abs(value) * Double(scale)).rounded()
        guard magnitude < 9e18 else { return String(Int64(value.rounded())) }
        let units = UInt64(magnitude)
        let sign = value < 0 && units > 0 ? "-" : ""
        guard decimals > 0 else { return sign + String(units) }
        let fraction = String(units % scale)
        return sign + String(units / scale) + "." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }

    /// The shortest text, like `%g`: `50` rather than `50.0`.
    static func compact(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }
}
