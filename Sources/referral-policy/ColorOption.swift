import ArgumentParser
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `--color auto|always|never`: colour for severities and test outcomes on a terminal.
struct ColorOption: ParsableArguments {
    enum Choice: String, ExpressibleByArgument, CaseIterable {
        /// Colour when the output is a terminal and `NO_COLOR` is not set (or empty).
        case auto
        case always
        case never
    }

    @Option(help: ArgumentHelp("Colour severities and outcomes: auto (on a terminal, unless NO_COLOR is set), always or never.",
                               valueName: "when"))
    var color: Choice = .auto

    /// Whether to colour what goes to `descriptor` (`STDOUT_FILENO`, `STDERR_FILENO`).
    func enabled(for descriptor: Int32) -> Bool {
        switch color {
        case .always: return true
        case .never: return false
        case .auto:
            if let noColor = ProcessInfo.processInfo.environment["NO_COLOR"], !noColor.isEmpty { return false }
            if ProcessInfo.processInfo.environment["TERM"] == "dumb" { return false }
            return isatty(descriptor) == 1
        }
    }
}
