import DoctorCore
import XCTest

@testable import WizardUI

/// The decision tree's puller branch: containerd found, running without the proxy its drop-in now names, its own
/// path failing. Golden screens (REGDOCTOR_RECORD_SNAPSHOTS=1 records) and what the pane must say.
final class PullerTreeSnapshotTests: XCTestCase {
  private let size = Size(width: 100, height: 30)

  private func report(_ language: Language) -> Report {
    let login = Endpoint(host: "contoso.azurecr.io", role: .loginServer, label: "login-server")
    let config = PullerConfigFacts(
      kind: .containerd, location: "unix:///run/containerd/containerd.sock", pid: 812, pulls: true,
      role: "the CRI plugin is enabled: the kubelet's pulls are made by containerd", running: ProxyVariables(),
      configured: ProxyVariables(httpsProxy: "http://alice:***@proxy.corp:3128"),
      configuredSources: ["/etc/systemd/system/containerd.service.d/http-proxy.conf"],
      hostsFile: "/etc/containerd/certs.d/contoso.azurecr.io/hosts.toml", pullHosts: ["https://contoso.azurecr.io"])
    let path = PullerPathFacts(
      puller: .containerd, endpoint: login, proxyURL: nil, source: "/proc/812/environ",
      trust: "system bundle /etc/ssl/certs/ca-certificates.crt (139 certificates)",
      connectFailure: TCPFacts(
        endpoint: login, address: ResolvedAddress(ip: "20.43.65.1"), outcome: .refused, ms: 1, error: "refused"))
    let probes = [
      AzureFixtures.dnsProbe(),
      ProbeResult(
        id: "puller.containerd", target: config.location, durationMs: 3, facts: .puller(config)),
      ProbeResult(
        id: "puller.containerd.login-server", target: "contoso.azurecr.io:443", durationMs: 2, facts: .pullerPath(path)),
    ]
    let input = DiagnosisInput(
      registry: AzureFixtures.registry, symptoms: [], probes: probes,
      proxyEnvironment: ProxyEnvironment(environment: [:]))
    return Diagnosis.report(input: input, language: language, elapsedMs: 40)
  }

  func testThePullerBranchNamesThePullerItsProxyFileAndTheRestart() {
    for language in Language.allCases {
      var state = AzureFixtures.state(report(language), language: language, size: size)
      XCTAssertEqual(state.report?.findings.first?.id, .pullerRestartNeeded)
      let branches = state.pullerBranches
      XCTAssertEqual(branches.map(\.name), ["containerd"])
      XCTAssertEqual(branches.first?.path, "fails")
      XCTAssertEqual(branches.first?.restart, "systemctl daemon-reload && systemctl restart containerd")
      XCTAssertTrue(branches.first?.findings.contains("puller-restart-needed") ?? false)
      state.moveTreeCursor(to: .extra(.pullers))
      press(&state, .right)
      state.moveTreeCursor(to: .extra(.puller(0)))
      press(&state, .enter)
      let screen = view(state, size: size)
      assertSnapshot(screen, named: "puller-branch-100x30-\(language.rawValue)")
      XCTAssertTrue(screen.text().contains("containerd.service.d"), screen.text())
      var pane = PaneWriter(width: 200, glyphs: Glyphs(ascii: false))
      state.writePuller(0, into: &pane)
      let text = pane.lines.map(\.text).joined(separator: "\n")
      XCTAssertTrue(text.contains("/etc/systemd/system/containerd.service.d/http-proxy.conf"), text)
      XCTAssertTrue(text.contains("$ sudo systemctl daemon-reload && systemctl restart containerd"), text)
      XCTAssertFalse(text.contains("alice:hunter"))
    }
  }

  /// No puller probed: no branch (the older snapshots stay as they were).
  func testNoPullerNoBranch() {
    let state = AzureFixtures.state(AzureFixtures.report(symptoms: []), size: size)
    XCTAssertTrue(state.pullerBranches.isEmpty)
    XCTAssertFalse(state.extraRows.contains { $0.node == .extra(.pullers) })
  }
}
