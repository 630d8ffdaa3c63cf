/// Why a browser test step failed, in words that say what was awaited.
struct BrowserTestError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
