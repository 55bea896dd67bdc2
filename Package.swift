// swift-tools-version: 6.0
// ketasim — ketamine pharmacokinetic simulation and dosing-schedule engine.
// No package dependencies: Foundation and Swift Testing only.
import PackageDescription

let package = Package(
    name: "ketasim",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "PKCore", targets: ["PKCore"]),
        .library(name: "Studies", targets: ["Studies"]),
        .executable(name: "ketasim", targets: ["ketasim"]),
        .executable(name: "ketasim-bench", targets: ["KetasimBench"]),
        .executable(name: "ketasim-fuzz", targets: ["KetasimFuzz"]),
    ],
    targets: [
        // Numeric core: models, exact linear solutions, events, metrics. No I/O.
        .target(
            name: "PKCore",
            dependencies: ["ModelLanguage"],
            path: "Sources/PKCore",
            linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]
        ),
        // Command-line layer: argument and unit parsing, formatting, charts. Testable as a library.
        .target(name: "KetasimCLI", dependencies: ["PKCore", "PKProfiles", "Planner", "Studies", "Reports"], path: "Sources/KetasimCLI"),
        // Every rendering of study results: tables, CSV, JSON, terminal charts, SVG, HTML. No files.
        .target(name: "Reports", dependencies: ["PKCore", "PKProfiles", "Planner", "Studies"], path: "Sources/Reports"),
        // Use cases: typed request -> typed result (route comparison, simulation, population, ...);
        // no files, no printing, no formatted text. Every command and library user goes through it.
        .target(name: "Studies", dependencies: ["PKCore", "PKProfiles", "Planner"], path: "Sources/Studies"),
        // Protocol planner: session calendars, escalation tiers, safety rules, dose finding.
        .target(name: "Planner", dependencies: ["PKCore", "PKProfiles"], path: "Sources/Planner"),
        // Literature profiles and bands: schema, loader, individual parameters; the JSON files of the
        // top-level Profiles/ folder embedded as generated code (checked by a test).
        .target(
            name: "PKProfiles", dependencies: ["PKCore"], path: "Sources/PKProfiles",
            linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]),
        // The `ketasim` executable: a thin main that calls KetasimCLI.
        .executableTarget(name: "ketasim", dependencies: ["KetasimCLI"], path: "Sources/ketasim"),
        // `ketasim-fuzz`: mutated repository inputs through the ketasim executable, one process per case.
        .executableTarget(name: "KetasimFuzz", dependencies: ["KetasimCLI"], path: "Sources/KetasimFuzz"),
        // Benchmark workloads W1-W3 (../shared/bench/WORKLOADS.md), shared by the executable and a guard test.
        .target(name: "KetasimWorkloads", dependencies: ["PKCore"], path: "Benchmarks/Workloads"),
        // `ketasim-bench`: prints the speed and accuracy figures; speed is never asserted in unit tests.
        .executableTarget(name: "KetasimBench", dependencies: ["KetasimWorkloads", "PKCore", "PKProfiles", "Studies", "Reports"], path: "Benchmarks/KetasimBench"),
        .testTarget(name: "WorkloadTests", dependencies: ["KetasimWorkloads", "PKCore", "TestSupport"], path: "Tests/WorkloadTests"),
        // Shared test helpers (isClose, fixture paths).
        .target(name: "TestSupport", dependencies: ["PKCore"], path: "Tests/TestSupport"),
        .testTarget(name: "PKCoreTests", dependencies: ["PKCore", "TestSupport"], path: "Tests/PKCoreTests"),
        .testTarget(name: "PKProfilesTests", dependencies: ["PKProfiles", "PKCore", "TestSupport"], path: "Tests/PKProfilesTests"),
        .testTarget(
            name: "KetasimCLITests", dependencies: ["KetasimCLI", "PKCore", "PKProfiles", "Planner", "Studies", "Reports", "TestSupport"],
            path: "Tests/KetasimCLITests"),
        .target(
            name: "ModelLanguage",
            path: "Sources/ModelLanguage",
            exclude: ["FORMAT.md"],
            linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]
        ),
        .testTarget(name: "PlannerTests", dependencies: ["Planner", "PKCore", "PKProfiles", "Reports", "TestSupport"], path: "Tests/PlannerTests"),
        .testTarget(name: "ModelLanguageTests", dependencies: ["ModelLanguage", "TestSupport"], path: "Tests/ModelLanguageTests"),
    ]
)
