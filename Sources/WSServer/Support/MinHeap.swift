/// A binary min-heap of elements ordered by a 64-bit key (a deadline, a
/// time of last activity): push and pop in O(log n), the smallest first.
struct MinHeap<Element: HeapKeyed>: Sendable where Element: Sendable {
    private(set) var elements: [Element] = []

    var count: Int { elements.count }
    var isEmpty: Bool { elements.isEmpty }
    var first: Element? { elements.first }

    mutating func push(_ element: Element) {
        elements.append(element)
        var child = elements.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard elements[child].heapKey < elements[parent].heapKey else { break }
            elements.swapAt(child, parent)
            child = parent
        }
    }

    mutating func popFirst() -> Element? {
        guard let first = elements.first else { return nil }
        let last = elements.removeLast()
        if !elements.isEmpty {
            elements[0] = last
            siftDown()
        }
        return first
    }

    /// Drops the elements `isRemoved` picks.
    mutating func removeAll(where isRemoved: (Element) -> Bool) {
        let kept = elements.filter { !isRemoved($0) }
        elements = []
        for element in kept { push(element) }
    }

    private mutating func siftDown() {
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < elements.count, elements[left].heapKey < elements[smallest].heapKey { smallest = left }
            if right < elements.count, elements[right].heapKey < elements[smallest].heapKey { smallest = right }
            guard smallest != parent else { return }
            elements.swapAt(parent, smallest)
            parent = smallest
        }
    }
}

/// What a `MinHeap` orders by.
protocol HeapKeyed {
    var heapKey: UInt64 { get }
}
