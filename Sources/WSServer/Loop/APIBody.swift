/// An API call's body as it arrives: what it is for and how many bytes it
/// announced (at most `APIRequest.maxBodyBytes`).
struct APIBody {
    let kind: APIRoute.BodyKind
    let expected: Int
    var bytes: [UInt8] = []
    /// Handed to the registry: later bytes are ignored (every response closes).
    var isSubmitted = false

    var isComplete: Bool { bytes.count >= expected }

    /// Takes what belongs to the body; bytes past its end are dropped.
    mutating func take(_ input: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: input.prefix(expected - bytes.count))
    }
}
