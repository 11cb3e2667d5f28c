/// Bounds on what the loader accepts, so that hostile or broken policy files are rejected
/// quickly in bounded memory. `docs/limits.md` lists them; a caller may loosen or tighten them.
public struct LoadLimits: Sendable, Hashable {
    /// Largest policy file, in bytes.
    public var maxFileBytes: Int
    /// Deepest nesting of mappings and lists.
    public var maxDepth: Int
    /// Most YAML nodes after aliases are expanded (guards against "billion laughs").
    public var maxNodes: Int
    /// Longest line, in bytes.
    public var maxLineBytes: Int
    /// Most rules, requirements, rewards, tiers and limits together.
    public var maxRules: Int
    /// Most diagnostics reported for one file; past it, one more says how many were left out.
    public var maxDiagnostics: Int

    public init(maxFileBytes: Int = 1 << 20, maxDepth: Int = 32, maxNodes: Int = 100_000,
                maxLineBytes: Int = 16_384, maxRules: Int = 10_000, maxDiagnostics: Int = 100) {
        self.maxFileBytes = maxFileBytes
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
        self.maxLineBytes = maxLineBytes
        self.maxRules = maxRules
        self.maxDiagnostics = maxDiagnostics
    }

    /// The defaults: 1 MiB, depth 32, 100,000 nodes, 16 KiB lines, 10,000 rules, 100 diagnostics a file.
    public static let `default` = LoadLimits()
}
