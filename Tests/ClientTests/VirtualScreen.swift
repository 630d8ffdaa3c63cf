/// Just enough of a VT100 to read what ws-client draws: printable text with
/// autowrap, CR, LF with scrolling, backspace, cursor moves (`CSI n A/B/C/D`,
/// `CSI n G`, `CSI r;c H`), line and screen erasure (`CSI n K`, `CSI n J`).
/// Colours and other sequences are parsed and ignored, so the rows hold
/// exactly the characters a user would see.
struct VirtualScreen {
    let rows: Int
    let columns: Int
    private(set) var cells: [[Character]]
    private(set) var row = 0
    private(set) var column = 0
    private var pendingEscape: [UInt8] = []
    private var pendingUTF8: [UInt8] = []

    init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
        cells = Array(repeating: Array(repeating: " ", count: columns), count: rows)
    }

    /// Each row with trailing spaces trimmed.
    var lines: [String] {
        cells.map { String(String($0.reversed().drop(while: { $0 == " " })).reversed()) }
    }

    /// The row the cursor is on.
    var cursorLine: String { lines[row] }

    var text: String { lines.joined(separator: "\n") }

    mutating func feed(_ bytes: some Sequence<UInt8>) {
        for byte in bytes { feed(byte) }
    }

    private mutating func feed(_ byte: UInt8) {
        if !pendingEscape.isEmpty { return escape(byte) }
        if !pendingUTF8.isEmpty || byte >= 0x80 { return utf8(byte) }
        switch byte {
        case 0x1B: pendingEscape = [byte]
        case 0x0D: column = 0
        case 0x0A: lineFeed()
        case 0x08: column = max(0, column - 1)
        case 0x20..<0x7F: put(Character(Unicode.Scalar(byte)))
        default: break
        }
    }

    private mutating func utf8(_ byte: UInt8) {
        pendingUTF8.append(byte)
        let expected = pendingUTF8[0] >= 0xF0 ? 4 : pendingUTF8[0] >= 0xE0 ? 3 : 2
        guard pendingUTF8.count >= expected else { return }
        put(Character(String(decoding: pendingUTF8, as: UTF8.self)))
        pendingUTF8 = []
    }

    private mutating func put(_ character: Character) {
        if column >= columns {
            column = 0
            lineFeed()
        }
        cells[row][column] = character
        column += 1
    }

    private mutating func lineFeed() {
        if row == rows - 1 {
            cells.removeFirst()
            cells.append(Array(repeating: " ", count: columns))
        } else {
            row += 1
        }
    }

    private mutating func escape(_ byte: UInt8) {
        pendingEscape.append(byte)
        if pendingEscape.count == 2, byte != UInt8(ascii: "[") {
            pendingEscape = []
            return
        }
        guard pendingEscape.count > 2, (0x40...0x7E).contains(byte) else { return }
        let parameters = String(decoding: pendingEscape.dropFirst(2).dropLast(), as: UTF8.self)
        pendingEscape = []
        control(final: byte, parameters.split(separator: ";").map { Int($0) ?? 0 })
    }

    private mutating func control(final: UInt8, _ numbers: [Int]) {
        let count = max(1, numbers.first ?? 1)
        switch final {
        case UInt8(ascii: "A"): row = max(0, row - count)
        case UInt8(ascii: "B"): row = min(rows - 1, row + count)
        case UInt8(ascii: "C"): column = min(columns - 1, column + count)
        case UInt8(ascii: "D"): column = max(0, column - count)
        case UInt8(ascii: "G"): column = min(columns - 1, count - 1)
        case UInt8(ascii: "H"): (row, column) = (min(rows, count) - 1, min(columns, max(1, numbers.count > 1 ? numbers[1] : 1)) - 1)
        case UInt8(ascii: "K"): eraseLine(numbers.first ?? 0)
        case UInt8(ascii: "J"): eraseScreen(numbers.first ?? 0)
        default: break
        }
    }

    private mutating func eraseLine(_ mode: Int) {
        let range = switch mode {
        case 0: column..<columns
        case 1: 0..<min(columns, column + 1)
        default: 0..<columns
        }
        for index in range { cells[row][index] = " " }
    }

    private mutating func eraseScreen(_ mode: Int) {
        for index in 0..<rows where mode == 2 || (mode == 0 && index > row) || (mode == 1 && index < row) {
            cells[index] = Array(repeating: " ", count: columns)
        }
        eraseLine(mode)
    }
}
