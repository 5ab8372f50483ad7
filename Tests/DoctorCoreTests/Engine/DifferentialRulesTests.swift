import XCTest

@testable import DoctorCore

/// The findings that compare two views of one thing: the pasted error's proxy and resolver against this machine's,
/// getaddrinfo against the nameservers asked directly, IPv6 against IPv4, direct against the proxy.
final class DifferentialRulesTests: XCTestCase {
  // MARK: pasted-proxy-fails

  private func pastedProxyPath(_ b: inout FactsBuilder, proxy: String, outcome: ProxyConnectOutcome, status: Int? = nil)
  {
    let e = FactsBuilder.login
    let proxyFacts = ProxyFacts(
      endpoint: e, proxyURL: proxy, decision: ProxyDecision(go: proxy, curl: nil, bypassedBy: nil), outcome: outcome,
      statusCode: nil, statusLine: nil, error: outcome == .established ? nil : "connection refused", ms: 1)
    let tls =
      outcome == .established
      ? TLSFacts(
        endpoint: e, address: "203.0.113.10", path: .proxy(proxy), outcome: .verified, reason: nil, chain: [],
        handshakeMs: 1)
      : nil
    let http = status.map {
      HTTPFacts(
        endpoint: e, path: .proxy(proxy), requestPath: "/v2/", outcome: .response, statusCode: $0, reasonPhrase: nil,
        challenge: nil, errorBody: nil, bodySnippet: nil, phases: [])
    }
    b.add(
      "puller.pasted-error.login-server",
      .pullerPath(
        PullerPathFacts(
          puller: .pastedError, endpoint: e, proxyURL: proxy, source: "the pasted error", trust: "system",
          proxy: proxyFacts, tls: tls, http: http)))
  }

  func testADeadPastedProxyBesideTheShellsWorkingOneIsAnError() {
    var b = FactsBuilder()
    b.loginOnlyThroughProxy()
    pastedProxyPath(&b, proxy: "http://10.0.0.5:3128", outcome: .unreachable)
    XCTAssertEqual(b.conclusion, .pastedProxyFails)
    let finding = b.report.findings.first { $0.id == .pastedProxyFails }
    let evidence = finding?.evidence.joined(separator: "\n") ?? ""
    XCTAssertTrue(evidence.contains("10.0.0.5:3128"), evidence)
    XCTAssertTrue(evidence.contains("the shell's proxy http://proxy:3128 works"), evidence)
    XCTAssertTrue(finding?.remedies.flatMap(\.commands).joined().contains("-x http://10.0.0.5:3128") ?? false)
    // It is not the daemon's finding: no daemon path was tried.
    XCTAssertFalse(b.ids.contains(.dockerDaemonProxyFails))
  }

  func testAWorkingPastedProxyIsNoFinding() {
    var b = FactsBuilder()
    b.loginOnlyThroughProxy()
    pastedProxyPath(&b, proxy: "http://10.0.0.5:3128", outcome: .established, status: 401)
    XCTAssertFalse(b.ids.contains(.pastedProxyFails))
    XCTAssertEqual(b.conclusion, .noNetworkProblem)
  }

  // MARK: pasted-resolver-fails

  private func resolvers(
    _ b: inout FactsBuilder, pasted: ResolverAnswer?, ours: [ResolverAnswer], system: [String] = ["203.0.113.10"],
    hosts: [String] = [], nsswitch: [String]? = ["files", "dns"]
  ) {
    let lookup = SystemLookup(
      outcome: system.isEmpty ? .nxdomain : .resolved, addresses: system.map(ResolvedAddress.init(ip:)), ms: 1)
    b.add(
      "dns.resolvers.login-server",
      .resolvers(
        ResolverComparisonFacts(
          endpoint: FactsBuilder.login, system: lookup, answers: ours + (pasted.map { [$0] } ?? []),
          hostsEntries: hosts, nsswitchHosts: nsswitch)))
  }

  private let ourResolver = ResolverAnswer(
    server: "10.0.0.2", source: .resolvConf, outcome: .resolved, addresses: ["203.0.113.10"], ms: 2)

  func testASilentPastedResolverWhileOursResolveIsAnError() {
    var b = FactsBuilder()
    b.healthyLogin()
    resolvers(
      &b, pasted: ResolverAnswer(server: "10.0.0.10:53", source: .pastedError, outcome: .timeout, ms: 3000),
      ours: [ourResolver])
    XCTAssertEqual(b.conclusion, .pastedResolverFails)
    let finding = b.report.findings.first { $0.id == .pastedResolverFails }
    let evidence = finding?.evidence.joined(separator: "\n") ?? ""
    XCTAssertTrue(evidence.contains("10.0.0.10:53 (pasted error): timeout"), evidence)
    XCTAssertTrue(evidence.contains("10.0.0.2 (resolv.conf): 203.0.113.10"), evidence)
    XCTAssertTrue(evidence.contains("not in this machine's resolv.conf"), evidence)
    XCTAssertTrue(
      finding?.remedies.flatMap(\.commands).contains("dig @10.0.0.10 contoso.azurecr.io +time=3 +tries=1") ?? false)
  }

  func testAPastedResolverSayingNXDOMAINIsAnErrorAndLoopbackIsGosFallback() {
    var b = FactsBuilder()
    b.healthyLogin()
    resolvers(
      &b,
      pasted: ResolverAnswer(server: "[::1]:53", source: .pastedError, outcome: .error, error: "connection refused"),
      ours: [ourResolver])
    XCTAssertEqual(b.conclusion, .pastedResolverFails)
    let evidence = b.report.findings.first { $0.id == .pastedResolverFails }?.evidence.joined() ?? ""
    XCTAssertTrue(evidence.contains("Go asks when its resolv.conf names no nameserver"), evidence)

    var nx = FactsBuilder()
    nx.healthyLogin()
    resolvers(
      &nx, pasted: ResolverAnswer(server: "10.0.0.10:53", source: .pastedError, outcome: .nxdomain), ours: [ourResolver]
    )
    XCTAssertEqual(nx.conclusion, .pastedResolverFails)
  }

  func testNoPastedResolverFindingWhenItResolvesNothingResolvesOrItWasNotAsked() {
    for pasted in [
      ResolverAnswer(server: "10.0.0.10:53", source: .pastedError, outcome: .resolved, addresses: ["203.0.113.10"]),
      ResolverAnswer(
        server: "127.0.0.11:53", source: .pastedError, outcome: .error, notAsked: "Docker's embedded DNS"),
    ] {
      var b = FactsBuilder()
      b.healthyLogin()
      resolvers(&b, pasted: pasted, ours: [ourResolver])
      XCTAssertFalse(b.ids.contains(.pastedResolverFails), pasted.server)
    }
    // Nobody here resolves either: the DNS findings of this machine speak, not this one.
    var b = FactsBuilder()
    b.dns([], outcome: .nxdomain)
    resolvers(
      &b, pasted: ResolverAnswer(server: "10.0.0.10:53", source: .pastedError, outcome: .timeout),
      ours: [ResolverAnswer(server: "10.0.0.2", source: .resolvConf, outcome: .nxdomain)], system: [])
    XCTAssertFalse(b.ids.contains(.pastedResolverFails))
  }

  // MARK: system-resolver-disagrees

  func testGetaddrinfoAndTheNameserversDisagreeAndThePullerUsesTheNameservers() {
    var b = FactsBuilder()
    b.healthyLogin()
    resolvers(&b, pasted: nil, ours: [ourResolver], system: ["198.51.100.7"])
    XCTAssertTrue(b.ids.contains(.systemResolverDisagrees), "\(b.ids)")
    let evidence = b.report.findings.first { $0.id == .systemResolverDisagrees }?.evidence.joined(separator: "\n") ?? ""
    XCTAssertTrue(evidence.contains("asks the nameservers itself and gets 203.0.113.10"), evidence)
    XCTAssertTrue(evidence.contains("getaddrinfo's 198.51.100.7"), evidence)
    // A warning: nothing is an error.
    XCTAssertFalse(b.report.hasError)
  }

  func testWithAnotherNSSSourceThePullerGetsGetaddrinfosAnswer() {
    var b = FactsBuilder()
    b.healthyLogin()
    resolvers(
      &b, pasted: nil, ours: [ourResolver], system: ["198.51.100.7"],
      nsswitch: ["files", "resolve", "[!UNAVAIL=return]", "dns"])
    let evidence = b.report.findings.first { $0.id == .systemResolverDisagrees }?.evidence.joined(separator: "\n") ?? ""
    XCTAssertTrue(evidence.contains("nsswitch.conf lists resolve"), evidence)
    XCTAssertTrue(evidence.contains("gets 198.51.100.7, like curl"), evidence)
  }

  func testOverlappingAnswersAndHostsEntriesAreNoDisagreement() {
    var overlap = FactsBuilder()
    overlap.healthyLogin()
    let two = ResolverAnswer(
      server: "10.0.0.2", source: .resolvConf, outcome: .resolved, addresses: ["203.0.113.10", "203.0.113.11"])
    resolvers(&overlap, pasted: nil, ours: [two], system: ["203.0.113.11"])
    XCTAssertFalse(overlap.ids.contains(.systemResolverDisagrees))
    var pinned = FactsBuilder()
    pinned.healthyLogin()
    resolvers(&pinned, pasted: nil, ours: [ourResolver], system: ["10.9.9.9"], hosts: ["10.9.9.9"])
    XCTAssertFalse(pinned.ids.contains(.systemResolverDisagrees))
  }

  // MARK: ipv6-path-broken

  func testABrokenIPv6PathBesideWorkingIPv4IsAWarning() {
    var b = FactsBuilder()
    b.dns(["2001:db8::10", "203.0.113.10"])
    b.tcp("2001:db8::10", .timeout)
    b.tcp("203.0.113.10", .connected)
    b.tls()
    b.http()
    XCTAssertTrue(b.ids.contains(.ipv6PathBroken), "\(b.ids)")
    XCTAssertEqual(Findings.spec(.ipv6PathBroken).severity, .warning)
    XCTAssertFalse(b.report.hasError)
    let finding = b.report.findings.first { $0.id == .ipv6PathBroken }
    XCTAssertTrue(finding?.evidence.joined().contains("tcp.login-server.2001:db8::10") ?? false)
    XCTAssertTrue(finding?.remedies.flatMap(\.commands).contains("ip -6 route get 2001:db8::10") ?? false)
  }

  func testBothFamiliesWorkingBothBrokenOrAnUnreachableIPv6IsNotThisFinding() {
    // No route fails at once: Go's dialer falls back to IPv4 without waiting.
    var unreachable = FactsBuilder()
    unreachable.dns(["2001:db8::10", "203.0.113.10"])
    unreachable.tcp("2001:db8::10", .unreachable)
    unreachable.tcp("203.0.113.10", .connected)
    XCTAssertFalse(unreachable.ids.contains(.ipv6PathBroken))
    var ok = FactsBuilder()
    ok.dns(["2001:db8::10", "203.0.113.10"])
    ok.tcp("2001:db8::10", .connected)
    ok.tcp("203.0.113.10", .connected)
    XCTAssertFalse(ok.ids.contains(.ipv6PathBroken))
    var both = FactsBuilder()
    both.dns(["2001:db8::10", "203.0.113.10"])
    both.tcp("2001:db8::10", .timeout)
    both.tcp("203.0.113.10", .timeout)
    XCTAssertFalse(both.ids.contains(.ipv6PathBroken))
    XCTAssertEqual(both.conclusion, .tcpConnectTimeout)
  }

  // MARK: direct against the proxy

  func testAFailingProxySaysWhetherDirectWouldWork() {
    var b = FactsBuilder()
    b.healthyLogin()
    b.proxy(.unreachable)
    let finding = b.report.findings.first { $0.id == .proxyUnreachable }
    let evidence = finding?.evidence.joined(separator: "\n") ?? ""
    XCTAssertTrue(evidence.contains("http.login-server: without the proxy the registry answers"), evidence)
    XCTAssertTrue(evidence.contains("direct would work"), evidence)

    var blocked = FactsBuilder()
    blocked.dns(["203.0.113.10"])
    blocked.tcp("203.0.113.10", .timeout)
    blocked.proxy(.unreachable)
    let both = blocked.report.findings.first { $0.id == .proxyUnreachable }?.evidence.joined() ?? ""
    XCTAssertTrue(both.contains("direct is blocked too"), both)
  }
}
