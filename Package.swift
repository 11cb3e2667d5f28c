// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "ReferralPolicy",
    products: [
        .library(name: "ReferralPolicy", targets: ["ReferralPolicy"]),
        // The policy-test runner (`*.tests.yaml`: load, run, coverage), for a service or a
        // tool that runs policy tests the way `referral-policy test` does.
        .library(name: "ReferralPolicyTesting", targets: ["ReferralPolicyTesting"]),
        .executable(name: "referral-policy", targets: ["referral-policy"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    ],
    targets: [
        .target(
            name: "ReferralPolicy",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        // Reaches the core's internals it shares (the YAML node reader, the loader) through
        // `package` access, not through the core's public API.
        .target(
            name: "ReferralPolicyTesting",
            dependencies: ["ReferralPolicy"]
        ),
        .executableTarget(
            name: "referral-policy",
            dependencies: [
                "ReferralPolicy",
                "ReferralPolicyTesting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "referral-policy-bench",
            dependencies: ["ReferralPolicy"]
        ),
        .testTarget(
            name: "ReferralPolicyTests",
            // The testing library only for the check that the test file schema and the test
            // file parser accept the same keys (SchemaTests).
            dependencies: ["ReferralPolicy", "ReferralPolicyTesting"],
            exclude: ["Diagnostics", "Inputs", "Plans"]
        ),
        .testTarget(
            name: "ReferralPolicyTestingTests",
            dependencies: ["ReferralPolicy", "ReferralPolicyTesting"]
        ),
        // End-to-end tests of the built `referral-policy` executable, run as a process.
        // The dependency makes `swift test` build the executable first.
        .testTarget(
            name: "CLITests",
            dependencies: ["referral-policy"],
            exclude: ["Inputs"]
        ),
    ]
)
