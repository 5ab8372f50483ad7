import XCTest

@testable import DoctorCore

/// The Docker daemon's `registry-mirrors`, used for Docker Hub pulls only: a dead mirror is a warning because
/// dockerd falls back to registry-1.docker.io; a mirror that answers serves the pull whatever Docker Hub's own
/// path does; mirror and Docker Hub both failing leaves Docker Hub's own finding the error.
final class DockerMirrorRulesTests: XCTestCase {
  private static let hub = Endpoint(host: "registry-1.docker.io", role: .loginServer)
  private static let mirror = Endpoint(host: "mirror.corp", role: .auxiliary, label: "mirror.mirror.corp")

  private func builder(mirrorsApply: Bool = true) -> FactsBuilder {
    var b = FactsBuilder()
    b.registry = RegistryTarget(input: "docker.io", kind: .dockerHub, host: "registry-1.docker.io")
    var daemon = DockerDaemonFacts(
      host: "unix:///var/run/docker.sock", reachable: true, error: nil, httpProxy: nil, httpsProxy: nil,
      noProxy: nil, serverVersion: "20.10.24",
      sources: [
        DaemonProxySource(
          path: "/etc/docker/daemon.json", httpProxy: nil, httpsProxy: nil, noProxy: nil,
          registryMirrors: ["https://mirror.corp"])
      ])
    daemon.mirrors = ["https://mirror.corp/"]
    daemon.mirrorsApply = mirrorsApply
    b.add("docker.daemon", .dockerDaemon(daemon))
    return b
  }

  /// The daemon's path to `e`: answered with 401 over a verified chain, or refused.
  private func path(_ b: inout FactsBuilder, _ e: Endpoint, answers: Bool) {
    let tls =
      answers
      ? TLSFacts(
        endpoint: e, address: "203.0.113.30", path: .direct, outcome: .verified, reason: nil, chain: [],
        handshakeMs: 1) : nil
    let http =
      answers
      ? HTTPFacts(
        endpoint: e, path: .direct, requestPath: "/v2/", outcome: .response, statusCode: 401, reasonPhrase: nil,
        challenge: nil, errorBody: nil, bodySnippet: nil, phases: []) : nil
    let refused =
      answers ? nil : TCPFacts(endpoint: e, address: ResolvedAddress(ip: "203.0.113.30"), outcome: .refused, ms: 1)
    var facts = PullerPathFacts(
      puller: .docker, endpoint: e, proxyURL: nil, source: "/info", trust: "system bundle", tls: tls, http: http,
      connectFailure: refused)
    facts.trustKind = e.role == .auxiliary ? "system+certs.d" : "system"
    b.add(.pullerPath(.docker, e), .pullerPath(facts))
  }

  private func hubHealthy(_ b: inout FactsBuilder) {
    b.dns(["203.0.113.10"], at: Self.hub)
    b.tcp("203.0.113.10", .connected, at: Self.hub)
    b.tls(at: Self.hub)
    b.http(at: Self.hub)
  }

  func testADeadMirrorIsAWarningWhileDockerHubAnswers() {
    var b = builder()
    hubHealthy(&b)
    path(&b, Self.mirror, answers: false)
    path(&b, Self.hub, answers: true)
    let report = b.report
    XCTAssertFalse(report.hasError, "\(report.findings.map(\.id))")
    let finding = report.findings.first { $0.id == .registryMirrorUnreachable }
    XCTAssertEqual(finding?.severity, .warning)
    XCTAssertTrue(
      finding?.evidence.joined().contains("docker falls back to it") ?? false, "\(String(describing: finding))")
    XCTAssertTrue(finding?.remedies.map(\.steps).joined().contains("registry-mirrors") ?? false)
    XCTAssertFalse(b.ids.contains(.dockerDaemonProxyFails), "the mirror's path is not the registry's")
  }

  func testAMirrorThatAnswersServesThePullWhileDockerHubIsBlocked() {
    var b = builder()
    b.dns(["203.0.113.10"], at: Self.hub)
    b.tcp("203.0.113.10", .refused, at: Self.hub)
    path(&b, Self.mirror, answers: true)
    path(&b, Self.hub, answers: false)
    let report = b.report
    XCTAssertFalse(report.hasError, "the mirror serves the pull: \(report.findings.map { ($0.id, $0.severity) })")
    let refused = report.findings.first { $0.id == .tcpConnectRefused }
    XCTAssertEqual(refused?.severity, .warning, "Docker Hub's own failure stays, as a warning")
    XCTAssertTrue(refused?.evidence.last?.contains("mirror.corp") ?? false, "\(String(describing: refused))")
  }

  func testMirrorAndDockerHubBothFailingLeaveDockerHubsFindingTheError() {
    var b = builder()
    b.dns(["203.0.113.10"], at: Self.hub)
    b.tcp("203.0.113.10", .refused, at: Self.hub)
    path(&b, Self.mirror, answers: false)
    path(&b, Self.hub, answers: false)
    XCTAssertEqual(b.conclusion, .tcpConnectRefused)
    XCTAssertTrue(b.report.hasError)
    let mirror = b.report.findings.first { $0.id == .registryMirrorUnreachable }
    XCTAssertEqual(mirror?.severity, .warning)
    XCTAssertTrue(mirror?.evidence.joined().contains("the fallback fails as well") ?? false)
  }

  func testAnotherRegistrysFailureIsNotServedByDockerHubsMirror() {
    var b = builder(mirrorsApply: false)
    b.registry = FactsBuilder().registry
    b.dns(["203.0.113.10"])
    b.tcp("203.0.113.10", .refused)
    path(&b, Self.mirror, answers: true)
    XCTAssertTrue(b.report.hasError, "mirrors serve Docker Hub pulls only")
    XCTAssertEqual(b.conclusion, .tcpConnectRefused)
  }

  func testTheJSONDockerEntryListsTheMirrorsAndThePathTheyGive() throws {
    var b = builder()
    b.dns(["203.0.113.10"], at: Self.hub)
    b.tcp("203.0.113.10", .refused, at: Self.hub)
    path(&b, Self.mirror, answers: true)
    path(&b, Self.hub, answers: false)
    let json = JSONReport.pullers(b.report).serialized(pretty: false)
    XCTAssertTrue(
      json.contains(
        #""mirrors":[{"url":"https://mirror.corp/","source":"/info, daemon.json","trust":"system+certs.d","path":"ok"}]"#
      ), json)
    XCTAssertTrue(
      json.contains(#""trust":"system","path":"ok""#), "the mirror serves: the daemon's path is ok\n\(json)")
  }

  func testMirrorsOfAnotherRegistryAreNotUsedAndOnlyInTheFileNotLoaded() {
    var b = builder(mirrorsApply: false)
    b.registry = FactsBuilder().registry
    b.healthyLogin()
    guard case .dockerDaemon(var daemon) = b.probes[0].facts else { return XCTFail("no daemon") }
    daemon.sources[0].registryMirrors = ["https://mirror.corp", "second.corp:5000"]
    b.probes.removeFirst()
    b.add("docker.daemon", .dockerDaemon(daemon))
    let json = JSONReport.pullers(b.report).serialized(pretty: false)
    XCTAssertTrue(
      json.contains(#""url":"https://mirror.corp/","source":"/info, daemon.json","trust":null,"path":"not-used""#), json
    )
    XCTAssertTrue(
      json.contains(#""url":"second.corp:5000","source":"daemon.json","trust":null,"path":"not-loaded""#), json)
    let details = b.probes.last?.details.map { "\($0.key)=\($0.value)" }.joined(separator: "\n") ?? ""
    XCTAssertTrue(details.contains("not for this registry, not probed"), details)
  }

  func testTheMirrorHostPortIsComparedAsDockerdNormalisesIt() {
    XCTAssertEqual(DaemonMirror.hostPort("https://Mirror.corp/"), "mirror.corp")
    XCTAssertEqual(DaemonMirror.hostPort("mirror.corp:443"), "mirror.corp")
    XCTAssertEqual(DaemonMirror.hostPort("http://mirror.corp:80/v2"), "mirror.corp:80")
    XCTAssertTrue(DaemonMirror.sameHost("mirror.corp", "https://mirror.corp/"))
  }
}
