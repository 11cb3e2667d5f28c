/// An immutable table of plain values that an ``EvaluationPlan`` owns: read while deciding
/// with no reference counting, so the cores deciding side by side never touch a shared counter.
///
/// The plan's one unsafe type: the memory is allocated once, when the plan is built, and freed
/// by ``deallocate()`` when the plan goes away. Indexes come from the compiler, never from
/// input; the subscript still checks them.
struct PlanTable<Element: BitwiseCopyable>: @unchecked Sendable {
    private let base: UnsafeMutablePointer<Element>
    let count: Int

    init(_ values: [Element]) {
        count = values.count
        base = UnsafeMutablePointer<Element>.allocate(capacity: max(1, values.count))
        values.withUnsafeBufferPointer { source in
            if let from = source.baseAddress { base.initialize(from: from, count: source.count) }
        }
    }

    @inline(__always) subscript(_ index: Int) -> Element {
        precondition(index >= 0 && index < count, "plan index out of range")
        return base[index]
    }

    @inline(__always) subscript(_ index: Int32) -> Element { self[Int(index)] }

    /// Where the element at `index` is, for a large element read a field or two at a time
    /// (no copy of the whole of it). Valid while the plan is.
    @inline(__always) func pointer(_ index: Int) -> UnsafePointer<Element> {
        precondition(index >= 0 && index < count, "plan index out of range")
        return UnsafePointer(base + index)
    }

    /// The elements of `span`.
    @inline(__always) func buffer(_ span: Span32) -> UnsafeBufferPointer<Element> {
        precondition(span.start >= 0 && Int(span.start) + Int(span.count) <= count, "plan span out of range")
        return UnsafeBufferPointer(start: base + Int(span.start), count: Int(span.count))
    }

    var all: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }

    func deallocate() {
        base.deallocate()
    }
}

/// A run of entries in a plan table: `start..<start + count`.
struct Span32: Hashable, BitwiseCopyable, Sendable {
    var start: Int32
    var count: Int32

    static let empty = Span32(start: 0, count: 0)

    init(start: Int32, count: Int32) {
        self.start = start
        self.count = count
    }

    init(_ range: Range<Int>) {
        start = Int32(range.lowerBound)
        count = Int32(range.count)
    }

    var range: Range<Int> { Int(start)..<Int(start + count) }
    var isEmpty: Bool { count == 0 }
}
