// swift-tools-version: 6.0
import PackageDescription

// The pipeline: core values and diagnostics → syntax → checker → engine → audit → façade → CLI.
// Each module imports only the ones before it.
let support: Target.Dependency = "MizanTestSupport"
let package = Package(
  name: "mizan",
  products: [
    .executable(name: "mizan", targets: ["MizanCLI"]),
    .library(name: "Mizan", targets: ["Mizan"]),
  ],
  targets: [
    .target(name: "MizanCore"),
    .target(name: "MizanSyntax", dependencies: ["MizanCore"]),
    .target(name: "MizanChecker", dependencies: ["MizanCore", "MizanSyntax"]),
    .target(name: "MizanEngine", dependencies: ["MizanCore", "MizanChecker"]),
    .target(name: "MizanAudit", dependencies: ["MizanCore", "MizanEngine"]),
    .target(name: "Mizan", dependencies: ["MizanCore", "MizanSyntax", "MizanChecker", "MizanEngine", "MizanAudit"]),
    .executableTarget(name: "MizanCLI", dependencies: ["Mizan"]),
    // The benchmark (not a test): `swift run -c release MizanBenchmarks`; docs/performance.md.
    .executableTarget(name: "MizanBenchmarks", dependencies: ["Mizan", "MizanCore", "MizanChecker", "MizanEngine"],
                      path: "Benchmarks"),
    .target(name: "MizanTestSupport", dependencies: ["MizanCore"], path: "Tests/MizanTestSupport"),
    .testTarget(name: "MizanCoreTests", dependencies: ["MizanCore", support]),
    .testTarget(name: "MizanSyntaxTests", dependencies: ["MizanSyntax", support], exclude: ["golden"]),
    .testTarget(name: "MizanCheckerTests", dependencies: ["MizanSyntax", "MizanChecker", support], exclude: ["golden"]),
    .testTarget(name: "MizanEngineTests", dependencies: ["MizanSyntax", "MizanChecker", "MizanEngine", "Mizan", support]),
    .testTarget(name: "MizanAuditTests", dependencies: ["MizanAudit", "Mizan", support]),
    .testTarget(name: "MizanCLITests", dependencies: ["MizanCLI", "Mizan", support], exclude: ["golden"]),
  ],
  swiftLanguageModes: [.v6]
)
