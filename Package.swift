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
    // SHA-256 with the x86 SHA extensions, used by MizanCore's SHA256 when the CPU has them.
    .target(name: "CSHA256Intrinsics"),
    .target(name: "MizanCore", dependencies: ["CSHA256Intrinsics"]),
    .target(name: "MizanSyntax", dependencies: ["MizanCore"]),
    .target(name: "MizanChecker", dependencies: ["MizanCore", "MizanSyntax"]),
    .target(name: "MizanEngine", dependencies: ["MizanCore", "MizanSyntax", "MizanChecker"]),
    // The log works on the bytes of records and outcomes; it needs nothing of the engine.
    .target(name: "MizanAudit", dependencies: ["MizanCore"]),
    .target(name: "Mizan", dependencies: ["MizanCore", "MizanSyntax", "MizanChecker", "MizanEngine", "MizanAudit"]),
    // HTTP/1.1 over POSIX sockets for `mizan serve`: it knows requests and responses, not policies.
    .target(name: "MizanHTTP", dependencies: ["MizanCore"]),
    .executableTarget(name: "MizanCLI", dependencies: ["Mizan", "MizanHTTP"]),
    // The benchmark (not a test): `swift run -c release MizanBenchmarks`; docs/performance.md.
    .executableTarget(name: "MizanBenchmarks", dependencies: ["Mizan", "MizanCore", "MizanChecker", "MizanEngine"],
                      path: "Benchmarks"),
    .target(name: "MizanTestSupport", path: "Tests/MizanTestSupport"),
    .testTarget(name: "MizanCoreTests", dependencies: ["MizanCore", support]),
    .testTarget(name: "MizanSyntaxTests", dependencies: ["MizanCore", "MizanSyntax", support], exclude: ["golden"]),
    .testTarget(name: "MizanCheckerTests", dependencies: ["MizanCore", "MizanSyntax", "MizanChecker", support],
                exclude: ["golden"]),
    // A naive reference interpreter over the checked policy, and the generator of the cases the
    // engine is compared with it on (OracleDifferentialTests; docs/testing.md).
    .target(name: "MizanOracle", dependencies: ["MizanCore", "MizanSyntax", "MizanChecker", "MizanEngine", support],
            path: "Tests/MizanOracle"),
    .testTarget(name: "MizanEngineTests", dependencies: ["MizanCore", "MizanSyntax", "MizanChecker", "MizanEngine",
                                                       "MizanOracle"]),
    .testTarget(name: "MizanAuditTests", dependencies: ["MizanCore", "MizanAudit", "Mizan", support]),
    // The façade's tests: loading, choosing versions, the one reader on every shipped policy.
    .testTarget(name: "MizanTests", dependencies: ["MizanCore", "MizanSyntax", "MizanChecker", "MizanEngine", "Mizan",
                                                   support]),
    .testTarget(name: "MizanHTTPTests", dependencies: ["MizanHTTP"]),
    .testTarget(name: "MizanCLITests", dependencies: ["MizanCLI", "Mizan", support], exclude: ["golden"]),
  ],
  swiftLanguageModes: [.v6]
)
