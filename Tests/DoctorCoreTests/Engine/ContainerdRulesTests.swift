import XCTest

@testable import DoctorCore

/// containerd-proxy-missing, containerd-proxy-mismatch and puller-restart-needed, decided from containerd's facts
/// (`puller.containerd`) and its own path (`puller.containerd.login-server`): the exit code follows its pull.
final class ContainerdRulesTests: XCTestCase {
  private func containerd(
    _ b: inout FactsBuilder, running: ProxyVariables?, configured: ProxyVariables = ProxyVariables(),
    pathProxy: String?, proxyOutcome: ProxyConnectOutcome = .established, answers: Bool, bypassedBy: String? = nil
  ) {
    let e = FactsBuilder.login
    b.add(
      "puller.containerd",
      .puller(
        PullerConfigFacts(
          kind: .containerd, location: "unix:///run/containerd/containerd.sock", pid: 812, pulls: true, role: "CRI",
          running: running, runningUnknown: running == nil ? "not root" : nil, configured: configured,
          configuredSources: configured.isEmpty ? [] : ["/etc/systemd/system/containerd.service.d/http-proxy.conf"])))
    let path: NetworkPath = pathProxy.map { .proxy($0) } ?? .direct
    let proxyFacts = pathProxy.map {
      ProxyFacts(
        endpoint: e, proxyURL: $0, decision: ProxyDecision(go: $0, curl: $0, bypassedBy: nil), outcome: proxyOutcome,
        statusCode: nil, statusLine: nil, error: proxyOutcome == .established ? nil : "connection refused", ms: 1)
    }
    var facts = PullerPathFacts(
      puller: .containerd, endpoint: e, proxyURL: pathProxy, source: "/proc/812/environ", trust: "system",
      bypassedBy: bypassedBy, proxy: proxyFacts)
    if answers {
      facts.tls = TLSFacts(
        endpoint: e, address: "203.0.113.10", path: path, outcome: .verified, reason: nil, chain: [], handshakeMs: 1)
      facts.http = HTTPFacts(
        endpoint: e, path: path, requestPath: "/v2/", outcome: .response, statusCode: 401, reasonPhrase: nil,
        challenge: nil, errorBody: nil, bodySnippet: nil, phases: [])
    } else if pathProxy == nil {
      facts.connectFailure = TCPFacts(
        endpoint: e, address: ResolvedAddress(ip: "203.0.113.10"), outcome: .refused, ms: 1, error: "refused")
    }
    b.add("puller.containerd.login-server", .pullerPath(facts))
  }

  func testNoProxyWhereTheShellNeedsOneIsContainerdProxyMissing() {
    var b = FactsBuilder()
    b.loginOnlyThroughProxy()
    containerd(&b, running: ProxyVariables(), pathProxy: nil, answers: false)
    XCTAssertEqual(b.conclusion, .containerdProxyMissing)
    XCTAssertTrue(b.report.hasError)
    XCTAssertFalse(b.ids.contains(.dockerDaemonProxyFails), "the Docker daemon's finding is for the Docker daemon")
    let commands = b.report.findings.first?.remedies.flatMap(\.commands).joined(separator: "\n") ?? ""
    XCTAssertTrue(commands.contains("containerd.service.d/http-proxy.conf"), commands)
    XCTAssertTrue(commands.contains("systemctl restart containerd"), commands)
  }

  func testADeadProxyIsContainerdProxyMismatch() {
    var b = FactsBuilder()
    b.loginOnlyThroughProxy()
    let dead = ProxyVariables(httpsProxy: "http://old-proxy:8080")
    containerd(
      &b, running: dead, configured: dead, pathProxy: "http://old-proxy:8080", proxyOutcome: .unreachable,
      answers: false)
    XCTAssertEqual(b.conclusion, .containerdProxyMismatch)
    XCTAssertFalse(b.ids.contains(.pullerRestartNeeded), "files and process agree: no restart helps")
  }

  func testFilesChangedWithoutRestartIsPullerRestartNeededFirst() {
    var b = FactsBuilder()
    b.loginOnlyThroughProxy()
    containerd(
      &b, running: ProxyVariables(), configured: ProxyVariables(httpsProxy: "http://proxy:3128"), pathProxy: nil,
      answers: false)
    XCTAssertEqual(b.conclusion, .pullerRestartNeeded)
    XCTAssertTrue(b.ids.contains(.containerdProxyMissing))
    let commands = b.report.findings.first?.remedies.flatMap(\.commands) ?? []
    XCTAssertEqual(commands, ["sudo systemctl daemon-reload", "sudo systemctl restart containerd"])
  }

  func testAWorkingContainerdPathIsNoFindingEvenWithARestartPending() {
    var b = FactsBuilder()
    b.loginOnlyThroughProxy()
    containerd(
      &b, running: ProxyVariables(httpsProxy: "http://proxy:3128"), configured: ProxyVariables(),
      pathProxy: "http://proxy:3128",
      answers: true)
    XCTAssertFalse(b.report.hasError, b.ids.map(\.rawValue).joined(separator: ", "))
  }

  func testUnknownRunningSettingsNeverClaimARestart() {
    var b = FactsBuilder()
    b.loginOnlyThroughProxy()
    containerd(
      &b, running: nil, configured: ProxyVariables(httpsProxy: "http://proxy:3128"), pathProxy: nil, answers: false)
    XCTAssertFalse(b.ids.contains(.pullerRestartNeeded))
    XCTAssertEqual(b.conclusion, .containerdProxyMissing)
  }
}
