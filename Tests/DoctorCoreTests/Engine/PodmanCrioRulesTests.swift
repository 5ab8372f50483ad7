import XCTest

@testable import DoctorCore

/// puller-proxy-fails and puller-proxy-missing, decided from podman's and CRI-O's facts (`puller.podman`,
/// `puller.crio`) and their own paths (`puller.<kind>.login-server`): the exit code follows that puller's pull,
/// and what the shell's own findings or the other pullers' findings say is not said twice. CRI-O is not packaged
/// in Debian: its cases are these hand-made facts only (the lab runs a real podman).
final class PodmanCrioRulesTests: XCTestCase {
  private let deadProxy = "http://10.0.0.4:3128"

  private func puller(
    _ b: inout FactsBuilder, _ kind: PullerConfigFacts.Kind, running: ProxyVariables? = nil,
    configured: ProxyVariables = ProxyVariables(), sources: [String] = []
  ) {
    let location = kind == .podman ? "/usr/bin/podman" : "unix:///var/run/crio/crio.sock"
    b.add(
      ProbeID(rawValue: "puller.\(kind.rawValue)"),
      .puller(
        PullerConfigFacts(
          kind: kind, location: location, pid: kind == .crio ? 901 : nil, pulls: true, role: "pulls",
          running: running, runningUnknown: kind == .crio && running == nil ? "not root" : nil,
          configured: configured, configuredSources: sources)))
  }

  /// The puller's path to `endpoint`: through `proxy` (nil: direct), answering 401 or failing as the arguments say.
  private func path(
    _ b: inout FactsBuilder, _ kind: PullerPathFacts.Puller, proxy: String?,
    outcome: ProxyConnectOutcome = .unreachable,
    answers: Bool = false, tls: TLSOutcome? = nil, bypassedBy: String? = nil, source: String,
    endpoint: Endpoint = FactsBuilder.login
  ) {
    let netPath: NetworkPath = proxy.map { .proxy($0) } ?? .direct
    let proxyFacts = proxy.map {
      ProxyFacts(
        endpoint: endpoint, proxyURL: $0, decision: ProxyDecision(go: $0, curl: $0, bypassedBy: nil),
        outcome: answers ? .established : outcome, statusCode: nil, statusLine: nil,
        error: answers ? nil : "dial tcp 10.0.0.4:3128: connect: connection refused", ms: 1)
    }
    var facts = PullerPathFacts(
      puller: kind, endpoint: endpoint, proxyURL: proxy, source: source, trust: "system", bypassedBy: bypassedBy,
      proxy: proxyFacts)
    if answers || tls != nil {
      facts.tls = TLSFacts(
        endpoint: endpoint, address: "203.0.113.10", path: netPath, outcome: tls ?? .verified, reason: nil, chain: [],
        handshakeMs: 1)
    }
    if answers {
      facts.http = HTTPFacts(
        endpoint: endpoint, path: netPath, requestPath: "/v2/", outcome: .response, statusCode: 401,
        reasonPhrase: nil, challenge: nil, errorBody: nil, bodySnippet: nil, phases: [])
    } else if proxy == nil, tls == nil {
      facts.connectFailure = TCPFacts(
        endpoint: endpoint, address: ResolvedAddress(ip: "203.0.113.10"), outcome: .timeout, ms: 1, error: "timeout")
    }
    b.add(.pullerPath(kind, endpoint), .pullerPath(facts))
  }

  private func commands(_ b: FactsBuilder, _ id: FindingID) -> String {
    b.report.findings.first { $0.id == id }?.remedies.flatMap(\.commands).joined(separator: "\n") ?? ""
  }

  private func evidence(_ b: FactsBuilder, _ id: FindingID) -> String {
    b.report.findings.first { $0.id == id }?.evidence.joined(separator: "\n") ?? ""
  }

  // MARK: podman

  /// containers.conf's HTTPS_PROXY names a dead proxy; the shell's (lower-case https_proxy) works.
  func testPodmansContainersConfProxyDeadBesideTheShellsWorkingOneFails() {
    var b = FactsBuilder()
    b.loginOnlyThroughProxy()
    let conf = "/etc/containers/containers.conf [engine] env"
    puller(&b, .podman, configured: ProxyVariables(httpsProxy: deadProxy), sources: [conf])
    path(&b, .podman, proxy: deadProxy, source: conf)
    XCTAssertEqual(b.conclusion, .pullerProxyFails)
    XCTAssertTrue(b.report.hasError)
    let finding = b.report.findings.first
    XCTAssertEqual(finding?.title, "podman's own proxy cannot reach the registry")
    let said = evidence(b, .pullerProxyFails)
    for needle in ["10.0.0.4:3128", conf, "the shell's proxy http://proxy:3128"] {
      XCTAssertTrue(said.contains(needle), "evidence lacks \(needle): \(said)")
    }
    XCTAssertTrue(commands(b, .pullerProxyFails).contains("/etc/containers/containers.conf"))
    XCTAssertFalse(b.ids.contains(.dockerDaemonProxyFails))
    XCTAssertFalse(b.ids.contains(.containerdProxyMismatch))
    XCTAssertFalse(b.ids.contains(.noNetworkProblem))
  }

  func testPodmansOwnProxyDeadWhileTheShellGoesDirectFails() {
    var b = FactsBuilder()
    b.healthyLogin()
    puller(&b, .podman, configured: ProxyVariables(httpsProxy: deadProxy), sources: ["c [engine] env"])
    path(&b, .podman, proxy: deadProxy, source: "c [engine] env")
    XCTAssertEqual(b.conclusion, .pullerProxyFails)
    XCTAssertTrue(evidence(b, .pullerProxyFails).contains("http.login-server: the shell reaches"))
  }

  /// podman uses the shell's own proxy: its failure is the shell's proxy-unreachable, said once.
  func testTheShellsOwnProxyFailingIsLeftToTheProxyFindings() {
    var b = FactsBuilder()
    b.dns(["203.0.113.10"])
    b.tcp("203.0.113.10", .timeout)
    b.proxy(.unreachable)
    puller(
      &b, .podman, configured: ProxyVariables(httpsProxy: "http://proxy:3128"), sources: ["the shell's environment"])
    path(&b, .podman, proxy: "http://proxy:3128", source: "the shell's environment")
    XCTAssertFalse(b.ids.contains(.pullerProxyFails))
    XCTAssertEqual(b.conclusion, .proxyUnreachable)
  }

  func testAWorkingPodmanPathIsNoFinding() {
    var b = FactsBuilder()
    b.loginOnlyThroughProxy()
    puller(&b, .podman, configured: ProxyVariables(httpsProxy: "http://other:8080"), sources: ["c [engine] env"])
    path(&b, .podman, proxy: "http://other:8080", answers: true, source: "c [engine] env")
    XCTAssertFalse(b.report.hasError, b.ids.map(\.rawValue).joined(separator: ", "))
  }

  /// containers.conf's NO_PROXY sends the registry direct, where only the proxy gets through.
  func testPodmansNoProxyAroundTheWorkingProxyFails() {
    var b = FactsBuilder()
    b.loginOnlyThroughProxy()
    puller(&b, .podman, configured: ProxyVariables(httpsProxy: "http://proxy:3128", noProxy: ".azurecr.io"))
    path(&b, .podman, proxy: nil, bypassedBy: ".azurecr.io", source: "c [engine] env")
    XCTAssertEqual(b.conclusion, .pullerProxyFails)
    XCTAssertTrue(evidence(b, .pullerProxyFails).contains("podman's NO_PROXY entry '.azurecr.io'"))
    XCTAssertFalse(b.ids.contains(.pullerProxyMissing), "it has a proxy: its NO_PROXY is the problem")
  }

  /// A dead mirror is the mirror's warning (podman falls back); the registry's own path decides.
  func testADeadMirrorIsNotTheProxysFinding() {
    var b = FactsBuilder()
    b.healthyLogin()
    puller(&b, .podman)
    let mirror = Endpoint(host: "mirror.contoso.internal", role: .auxiliary, label: "mirror.mirror.contoso.internal")
    path(&b, .podman, proxy: deadProxy, source: "the shell's environment", endpoint: mirror)
    path(&b, .podman, proxy: nil, answers: true, source: "the shell's environment")
    XCTAssertFalse(b.ids.contains(.pullerProxyFails))
    XCTAssertTrue(b.ids.contains(.registryMirrorUnreachable))
    XCTAssertFalse(b.report.hasError)
  }

  /// The chain podman does not trust is puller-untrusted-certificate's, not the proxy's.
  func testAnUntrustedChainIsNotTheProxysFinding() {
    var b = FactsBuilder()
    b.healthyLogin()
    puller(&b, .podman)
    path(&b, .podman, proxy: nil, tls: .untrusted, source: "the shell's environment")
    XCTAssertEqual(b.conclusion, .pullerUntrustedCertificate)
    XCTAssertFalse(b.ids.contains(.pullerProxyFails))
    XCTAssertFalse(b.ids.contains(.pullerProxyMissing))
  }

  /// Behind a proxy that answers 403 with direct SYNs dropped, podman (the shell's proxy, inherited) fails the
  /// same way at once: the verdict is decided without waiting for the dropped direct path (the lab measured
  /// 2.35 s instead of the README's 0.06 s before this rule looked only at what could still change it).
  func testPodmanFailingThroughTheShellsProxyDoesNotHoldTheEarlyStop() {
    var b = FactsBuilder()
    b.environment = ["HTTPS_PROXY": "http://proxy:3128"]
    b.nameservers([.resolved])
    b.docker(reachable: false)
    b.dns(["203.0.113.10"])
    b.proxy(.denied, status: "HTTP/1.1 403 Forbidden")
    puller(
      &b, .podman, configured: ProxyVariables(httpsProxy: "http://proxy:3128"), sources: ["the shell's environment"])
    path(&b, .podman, proxy: "http://proxy:3128", outcome: .denied, source: "the shell's environment")
    let input = DiagnosisInput(
      registry: b.registry, symptoms: b.symptoms, probes: b.probes,
      proxyEnvironment: ProxyEnvironment(environment: b.environment))
    let directToLogin = PendingFacts([.dns, .tcp, .tls, .http], endpoint: "login-server", directOnly: true)
    XCTAssertEqual(b.conclusion, .proxyConnectDenied)
    let waiting = Findings.all.filter { $0.mayChange(input, with: [directToLogin]) }.map { $0.spec.id.rawValue }
    XCTAssertTrue(Diagnosis.isSettled(input, pending: [directToLogin]), "still waiting: \(waiting)")
    // A podman path of its own proxy, failing, still waits for the shell's facts that decide the finding.
    XCTAssertFalse(PullerProxyFails.mayChange(input, with: [PendingFacts([.proxy])]))
  }

  /// Behind an inspecting proxy the shell does not trust either, podman's path meets the same untrusted chain:
  /// tls-handshake-failed, decided without waiting for the dropped direct path.
  func testPodmanMeetingTheShellsUntrustedChainDoesNotHoldTheEarlyStop() {
    var b = FactsBuilder()
    b.environment = ["HTTPS_PROXY": "http://proxy:3128"]
    b.nameservers([.resolved])
    b.docker(reachable: false)
    b.dns(["203.0.113.10"])
    b.proxy(.established)
    b.tls(.untrusted, issuer: "Corp Inspection CA", org: "Contoso Ltd", path: .proxy("http://proxy:3128"))
    puller(
      &b, .podman, configured: ProxyVariables(httpsProxy: "http://proxy:3128"), sources: ["the shell's environment"])
    path(&b, .podman, proxy: "http://proxy:3128", answers: false, tls: .untrusted, source: "the shell's environment")
    let input = DiagnosisInput(
      registry: b.registry, symptoms: b.symptoms, probes: b.probes,
      proxyEnvironment: ProxyEnvironment(environment: b.environment))
    let directToLogin = PendingFacts([.dns, .tcp, .tls, .http], endpoint: "login-server", directOnly: true)
    XCTAssertEqual(b.conclusion, .tlsHandshakeFailed)
    XCTAssertFalse(b.ids.contains(.pullerUntrustedCertificate), "the shell distrusts the chain too")
    let waiting = Findings.all.filter { $0.mayChange(input, with: [directToLogin]) }.map { $0.spec.id.rawValue }
    XCTAssertTrue(Diagnosis.isSettled(input, pending: [directToLogin]), "still waiting: \(waiting)")
  }

  // MARK: CRI-O

  func testCRIOsDeadProxyFailsWithItsDropInAndRestart() {
    var b = FactsBuilder()
    b.loginOnlyThroughProxy()
    let dropIn = "/etc/systemd/system/crio.service.d/http-proxy.conf"
    let dead = ProxyVariables(httpsProxy: deadProxy)
    puller(&b, .crio, running: dead, configured: dead, sources: [dropIn])
    path(&b, .crio, proxy: deadProxy, source: "/proc/901/environ")
    XCTAssertEqual(b.conclusion, .pullerProxyFails)
    XCTAssertEqual(b.report.findings.first?.title, "CRI-O's own proxy cannot reach the registry")
    XCTAssertFalse(b.ids.contains(.pullerRestartNeeded), "files and process agree: no restart helps")
    let said = commands(b, .pullerProxyFails)
    XCTAssertTrue(said.contains("crio.service.d/http-proxy.conf"), said)
    XCTAssertTrue(said.contains("systemctl restart crio"), said)
    XCTAssertTrue(said.contains("HTTPS_PROXY=http://proxy:3128"), "the remedy writes the working proxy: \(said)")
  }

  func testCRIOWithoutAProxyWhereTheShellNeedsOneIsPullerProxyMissing() {
    var b = FactsBuilder()
    b.loginOnlyThroughProxy()
    puller(&b, .crio, running: ProxyVariables())
    path(&b, .crio, proxy: nil, source: "/proc/901/environ")
    XCTAssertEqual(b.conclusion, .pullerProxyMissing)
    XCTAssertEqual(b.report.findings.first?.title, "CRI-O has no proxy, but this network needs one")
    XCTAssertFalse(b.ids.contains(.containerdProxyMissing), "containerd's finding is for containerd")
    XCTAssertFalse(b.ids.contains(.pullerProxyFails))
    XCTAssertTrue(commands(b, .pullerProxyMissing).contains("systemctl restart crio"))
  }

  func testCRIOsDropInChangedWithoutRestartIsPullerRestartNeededFirst() {
    var b = FactsBuilder()
    b.loginOnlyThroughProxy()
    puller(
      &b, .crio, running: ProxyVariables(), configured: ProxyVariables(httpsProxy: "http://proxy:3128"),
      sources: ["/etc/systemd/system/crio.service.d/http-proxy.conf"])
    path(&b, .crio, proxy: nil, source: "/proc/901/environ")
    XCTAssertEqual(b.conclusion, .pullerRestartNeeded)
    XCTAssertTrue(b.ids.contains(.pullerProxyMissing))
    XCTAssertEqual(commands(b, .pullerRestartNeeded), "sudo systemctl daemon-reload\nsudo systemctl restart crio")
  }

  /// A proxy behind credentials CRI-O does not show is not judged.
  func testAPathNotTriedIsNotJudged() {
    var b = FactsBuilder()
    b.loginOnlyThroughProxy()
    puller(&b, .crio)
    var facts = PullerPathFacts(
      puller: .crio, endpoint: FactsBuilder.login, proxyURL: "http://user:***@10.0.0.4:3128", source: "drop-in",
      trust: "system")
    facts.notTried = "credentials hidden"
    b.add("puller.crio.login-server", .pullerPath(facts))
    XCTAssertFalse(b.ids.contains(.pullerProxyFails))
    XCTAssertFalse(b.ids.contains(.pullerProxyMissing))
  }

  func testJapaneseTitlesNameThePuller() {
    let spec = Runbook.finding(.pullerProxyFails)
    XCTAssertTrue(spec.title.ja.contains("{puller}"))
    XCTAssertTrue(Runbook.finding(.pullerProxyMissing).title.ja.contains("{puller}"))
  }
}
