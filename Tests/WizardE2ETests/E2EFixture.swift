import Foundation
import XCTest

/// Everything one end-to-end test needs: the built binaries, a temporary directory with a lab PKI, a private
/// /etc (loopback nameserver only), and a registry server on 127.0.0.1.
final class E2EFixture {
  let directory: URL
  let regdoctor: URL
  let lab: URL
  let caFile: String
  let etc: String
  private(set) var servers: [LabProcess] = []

  init() throws {
    guard TmuxSession.isAvailable else { throw XCTSkip("tmux is not installed") }
    let binaries = try E2EFixture.binaryDirectory()
    regdoctor = binaries.appendingPathComponent("regdoctor")
    lab = binaries.appendingPathComponent("regdoctor-lab")
    directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "regdoctor-e2e-\(getpid())-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)

    // A private /etc: probes read resolv.conf and hosts from REGDOCTOR_ETC, so DNS goes to loopback only and never
    // to this machine's real nameserver.
    etc = directory.appendingPathComponent("etc").path
    try FileManager.default.createDirectory(atPath: etc, withIntermediateDirectories: true)
    try "nameserver 127.0.0.1\noptions timeout:1 attempts:1\n".write(
      toFile: etc + "/resolv.conf", atomically: true, encoding: .utf8)
    try "127.0.0.1 localhost\n::1 localhost ip6-localhost\n".write(
      toFile: etc + "/hosts", atomically: true, encoding: .utf8)

    let pki = directory.appendingPathComponent("pki").path
    try runProcess(lab.path, ["pki", "--out", pki, "--leaf", "registry=localhost,127.0.0.1"])
    caFile = pki + "/ca.pem"
  }

  deinit {
    servers.forEach { $0.stop() }
    try? FileManager.default.removeItem(at: directory)
  }

  /// Starts `regdoctor-lab registry` with TLS in `mode` on a free loopback port; returns `127.0.0.1:PORT`.
  func startRegistry(mode: String = "normal") throws -> String {
    let pki = directory.appendingPathComponent("pki").path
    let server = try LabProcess(
      lab,
      [
        "registry", "--listen", "127.0.0.1:0", "--cert", pki + "/registry.pem", "--key",
        pki + "/registry-key.pem",
        "--mode", mode,
      ])
    servers.append(server)
    return server.address
  }

  /// The wizard's environment: nothing inherited, the lab CA trusted, no proxy, no Docker daemon, no Azure CLI.
  func environment(language: String = "C.UTF-8") -> [String: String] {
    [
      "HOME": directory.path,
      "PATH": "/usr/bin:/bin",
      "LANG": language,
      "LC_ALL": language,
      "SSL_CERT_FILE": caFile,
      "REGDOCTOR_ETC": etc,
      "DOCKER_HOST": "unix://\(directory.path)/no-docker.sock",
      // bash -i would write ~/.bash_history into the temp dir while the test removes it.
      "HISTFILE": "",
    ]
  }

  /// The shell command that starts the wizard (the shell stays, so the test can see it restored afterwards).
  func wizardCommand(_ registry: String, _ extra: [String] = []) -> String {
    ([regdoctor.path, registry, "--no-az"] + extra).map(shellQuote).joined(separator: " ")
  }

  /// `.build/<config>/`: where SwiftPM put the test bundle, and next to it the `regdoctor` executables.
  static func binaryDirectory() throws -> URL {
    if let override = ProcessInfo.processInfo.environment["REGDOCTOR_BIN_DIR"] {
      return URL(fileURLWithPath: override)
    }
    let bundle = Bundle(for: E2EFixture.self).bundleURL
    let candidates = [
      bundle, bundle.deletingLastPathComponent(), Bundle.main.bundleURL,
      Bundle.main.bundleURL.deletingLastPathComponent(),
      bundle.deletingLastPathComponent().deletingLastPathComponent(),
    ]
    for dir in candidates
    where FileManager.default.isExecutableFile(atPath: dir.appendingPathComponent("regdoctor").path) {
      if FileManager.default.isExecutableFile(
        atPath: dir.appendingPathComponent("regdoctor-lab").path)
      {
        return dir
      }
    }
    // Not a skip: a missing binary is a broken build, and the test target depends on both executables.
    throw ProcessFailed(
      command: "locate regdoctor", status: -1,
      output:
        "regdoctor and regdoctor-lab not found near \(bundle.path); set REGDOCTOR_BIN_DIR or run `swift build`"
    )
  }
}
