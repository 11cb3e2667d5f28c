import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A progress line on standard error while `evaluate` decides a long batch:
/// `referral-policy: 1,250,000 records, 1,249,870 decided, 130 failed (812,345 records/s)`.
///
/// On a terminal the line is rewritten in place (`\r`, then clear to the end of the line) at
/// most twice a second and ends with a newline when the run ends; elsewhere (`--progress` into
/// a log) each update is a line of its own. Without `--progress` or `--no-progress` it is shown
/// only when standard error is a terminal and standard output is not (decisions on the
/// terminal show progress themselves), and only for a long batch: from one second into the
/// run, or at the end when the run had at least ``longBatch`` records.
struct ProgressLine {
    /// Whether the line is shown when neither `--progress` nor `--no-progress` is given.
    static func shownByDefault() -> Bool {
        isatty(STDERR_FILENO) == 1 && isatty(STDOUT_FILENO) == 0
    }

    /// Nanoseconds between two updates.
    static let interval: UInt64 = 500_000_000
    /// Nanoseconds into the run before the first update, when not forced.
    static let quietStart: UInt64 = 1_000_000_000
    /// Records from which a run that was not forced gets the line at its end.
    static let longBatch = 10_000

    /// Rewrite one line in place (a terminal), or write a line per update.
    let inPlace: Bool
    /// `--progress`: shown from the first interval on, and always at the end.
    let forced: Bool
    private let start = DispatchTime.now().uptimeNanoseconds
    private var last: UInt64 = 0
    private var shown = false

    /// The progress line for `option` (`--progress`: true, `--no-progress`: false, neither:
    /// nil), or nil when none is shown.
    init?(option: Bool?) {
        guard option ?? Self.shownByDefault() else { return nil }
        forced = option == true
        inPlace = isatty(STDERR_FILENO) == 1
        last = start
    }

    /// Shows the counts when an update is due.
    mutating func update(records: Int, failures: Int) {
        let now = DispatchTime.now().uptimeNanoseconds
        guard now - last >= Self.interval, forced || now - start >= Self.quietStart else { return }
        last = now
        show(records: records, failures: failures, now: now, final: false)
    }

    /// Shows the final counts (when the line is due at all) and ends the line.
    mutating func finish(records: Int, failures: Int) {
        guard forced || shown || records >= Self.longBatch else { return }
        show(records: records, failures: failures, now: DispatchTime.now().uptimeNanoseconds, final: true)
    }

    private mutating func show(records: Int, failures: Int, now: UInt64, final: Bool) {
        shown = true
        let seconds = Double(max(now - start, 1)) / 1e9
        let text = Self.text(records: records, failures: failures, perSecond: Int(Double(records) / seconds))
        let line = inPlace ? "\r" + text + "\u{1B}[K" + (final ? "\n" : "") : text + "\n"
        var bytes = Array(line.utf8)
        _ = bytes.withUnsafeMutableBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }

    static func text(records: Int, failures: Int, perSecond: Int) -> String {
        "referral-policy: \(grouped(records)) record\(records == 1 ? "" : "s"), \(grouped(records - failures)) decided, "
            + "\(grouped(failures)) failed (\(grouped(perSecond)) records/s)"
    }

    /// `1234567` as `1,234,567`.
    static func grouped(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var out = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return (number < 0 ? "-" : "") + out
    }
}
