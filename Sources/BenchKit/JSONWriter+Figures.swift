import ChatWire

/// The number forms of the `--json` report, which scripts read: a fixed
/// number of decimals (`%.Nf`), or the shortest form (`%g`) for the
/// durations and rates the user gave.
extension JSONWriter {
    mutating func field(_ name: StaticString, _ value: Double, decimals: Int) {
        key(name)
        rawNumber(Fixed.format(value, decimals))
    }

    mutating func field(_ name: String, _ value: Double, decimals: Int) {
        key(name)
        rawNumber(Fixed.format(value, decimals))
    }

    mutating func field(_ name: StaticString, compact value: Double) {
        key(name)
        rawNumber(Fixed.compact(value))
    }

    mutating func field(_ name: String, _ value: Int) {
        key(name)
        int(value)
    }

    /// `"name":[1,2,3]`
    mutating func field(_ name: StaticString, integers values: [Int]) {
        key(name)
        beginArray()
        for value in values { int(value) }
        endArray()
    }
}
