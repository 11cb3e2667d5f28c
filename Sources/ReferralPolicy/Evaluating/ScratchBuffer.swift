/// A growable run of plain values that the evaluator reuses from one decision to the next
/// (``EvaluationScratch``): what an array gives it, without counting references, checking
/// uniqueness before each write, or going through a generic `replaceSubrange` to empty it.
///
/// Its memory belongs to the ``DecisionWorkspace`` that holds the scratch, which frees it with
/// ``deallocate()`` when its thread ends. Only that scratch holds a buffer: a function that
/// reads one without changing it takes its ``elements`` (valid until the buffer grows again).
/// Every index is checked against ``count``.
struct ScratchBuffer<Element: BitwiseCopyable>: RandomAccessCollection {
    private var base: UnsafeMutablePointer<Element>?
    private(set) var count = 0
    private var capacity = 0

    init() {}

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    @inline(__always) subscript(_ index: Int) -> Element {
        get {
            precondition(index >= 0 && index < count, "scratch index out of range")
            return base.unsafelyUnwrapped[index]
        }
        set {
            precondition(index >= 0 && index < count, "scratch index out of range")
            base.unsafelyUnwrapped[index] = newValue
        }
    }

    /// Where element `index` is, to read or update it in place (valid until the buffer next
    /// grows; checked against ``count``).
    @inline(__always) func pointer(_ index: Int) -> UnsafeMutablePointer<Element> {
        precondition(index >= 0 && index < count, "scratch index out of range")
        return base.unsafelyUnwrapped + index
    }

    /// The elements, as they are until the buffer next grows.
    @inline(__always) var elements: UnsafeBufferPointer<Element> {
        UnsafeBufferPointer(start: base, count: count)
    }

    /// The elements, to update in place where every index is below ``count`` by construction
    /// (the caller says why); valid until the buffer next grows.
    @inline(__always) var mutableElements: UnsafeMutableBufferPointer<Element> {
        UnsafeMutableBufferPointer(start: base, count: count)
    }

    /// The last `n` elements.
    @inline(__always) func last(_ n: Int) -> UnsafeBufferPointer<Element> {
        precondition(n >= 0 && n <= count, "scratch range out of range")
        return UnsafeBufferPointer(start: base.map { $0 + (count - n) }, count: n)
    }

    @inline(__always) func makeIterator() -> UnsafeBufferPointer<Element>.Iterator {
        elements.makeIterator()
    }

    func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        try body(elements)
    }

    @inline(__always) mutating func append(_ element: Element) {
        if count == capacity { grow() }
        // `count < capacity` here.
        (base.unsafelyUnwrapped + count).initialize(to: element)
        count += 1
    }

    /// Empties the buffer, keeping its memory (the argument is for the arrays it stands for).
    @inline(__always) mutating func removeAll(keepingCapacity: Bool = true) {
        count = 0
    }

    @inline(__always) mutating func removeLast() -> Element {
        precondition(count > 0, "removeLast of an empty scratch buffer")
        count -= 1
        return base.unsafelyUnwrapped[count]
    }

    @inline(__always) mutating func removeLast(_ n: Int) {
        precondition(n >= 0 && n <= count, "removeLast past the start of a scratch buffer")
        count -= n
    }

    /// Sorts the elements in place.
    mutating func sort(by areInIncreasingOrder: (Element, Element) -> Bool) {
        var all = UnsafeMutableBufferPointer(start: base, count: count)
        all.sort(by: areInIncreasingOrder)
    }

    private mutating func grow() {
        let larger = Swift.max(16, capacity * 2)
        let memory = UnsafeMutablePointer<Element>.allocate(capacity: larger)
        if let base {
            memory.moveInitialize(from: base, count: count)
            base.deallocate()
        }
        base = memory
        capacity = larger
    }

    /// Frees the memory; called by the workspace that owns the scratch.
    mutating func deallocate() {
        base?.deallocate()
        base = nil
        count = 0
        capacity = 0
    }
}
