// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "regdoctor",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "regdoctor", targets: ["regdoctor"]),
    .executable(name: "regdoctor-lab", targets: ["regdoctor-lab"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
    // Already in the graph through swift-certificates; named here so LabServers can generate test keys.
    .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"6.0.0"),
  ],
  targets: [
    // The only place that touches ncurses' C macros.
    .systemLibrary(name: "CNcursesw", providers: [.apt(["libncurses-dev"])]),
    // Everything that decides: models, runbook (en/ja), parsers, diagnosis rules, reports, the probe runner.
    // regdoctor's version and the git commit it was built from (written by scripts/dist and scripts/install).
    .target(name: "BuildInfo"),
    .target(name: "DoctorCore", dependencies: ["BuildInfo"]),
    // The probes that touch the network and the machine: DNS, TCP, TLS, HTTP, proxy, Docker daemon, Azure CLI.
    .target(
      name: "DoctorProbes",
      dependencies: [
        "DoctorCore",
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "NIOTLS", package: "swift-nio"),
        .product(name: "X509", package: "swift-certificates"),
      ]
    ),
    // The wizard as pure state: messages in, state and effects out; view renders into a ScreenBuffer.
    .target(name: "WizardUI", dependencies: ["DoctorCore"]),
    // The thin ncurses backend: draws a ScreenBuffer, reads keys.
    .target(name: "NcursesTerminal", dependencies: ["DoctorCore", "WizardUI", "CNcursesw"]),
    .executableTarget(
      name: "regdoctor",
      dependencies: [
        "BuildInfo", "DoctorCore", "DoctorProbes", "WizardUI", "NcursesTerminal",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // Real servers for tests, benchmarks and the fault lab: an ACR-like TLS registry, a CONNECT proxy
    // that can tunnel, deny or close, and a Docker Engine API on a unix socket.
    .target(
      name: "LabServers",
      dependencies: [
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "NIOTLS", package: "swift-nio"),
        .product(name: "X509", package: "swift-certificates"),
        .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),
    .executableTarget(
      name: "regdoctor-lab",
      dependencies: ["LabServers", .product(name: "ArgumentParser", package: "swift-argument-parser")]
    ),
    // The wizard's per-key cost measured in-process (a benchmark, run by hand).
    .executableTarget(name: "regdoctor-bench", dependencies: ["DoctorCore", "DoctorProbes", "WizardUI"]),
    .testTarget(name: "DoctorCoreTests", dependencies: ["DoctorCore"], exclude: ["Parsing/Fixtures"]),
    .testTarget(name: "DoctorProbesTests", dependencies: ["DoctorProbes", "LabServers"], exclude: ["Azure/Fixtures"]),
    .testTarget(name: "WizardUITests", dependencies: ["WizardUI", "NcursesTerminal"], exclude: ["Snapshots"]),
    // The command line as scripts meet it (exit codes, messages, report files), through the built binary.
    .testTarget(name: "CLITests", dependencies: ["regdoctor"]),
    // The fault lab runs the built regdoctor and regdoctor-lab inside network namespaces; depending on them makes
    // `swift test` build them.
    .testTarget(name: "LabTests", dependencies: ["LabServers", "regdoctor", "regdoctor-lab"]),
    // Drives the built `regdoctor` wizard in tmux against `regdoctor-lab` servers; depends on the executables
    // only so `swift test` builds them (the tests import nothing of theirs).
    .testTarget(name: "WizardE2ETests", dependencies: ["regdoctor", "regdoctor-lab"]),
  ],
  swiftLanguageModes: [.v6]
)
