// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "ReferralPolicy",
    products: [
        .library(name: "ReferralPolicy", targets: ["ReferralPolicy"]),
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
        .executableTarget(
            name: "referral-policy",
            dependencies: [
                "ReferralPolicy",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "referral-policy-bench",
            dependencies: ["ReferralPolicy"]
        ),
        .testTarget(
            name: "ReferralPolicyTests",
            dependencies: ["ReferralPolicy"],
            exclude: ["Diagnostics", "Inputs"]
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
