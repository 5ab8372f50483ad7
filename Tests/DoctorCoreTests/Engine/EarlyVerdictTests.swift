import XCTest

@testable import DoctorCore

/// The early stop on hand-made facts: decided when what is still running cannot change the conclusion, undecided
/// when it could.
final class EarlyVerdictTests: XCTestCase {
  /// The login server's direct chain still running (a SYN unanswered): TCP, then TLS and HTTP, then the token realm.
  let directToLogin = PendingFacts([.dns, .tcp, .tls, .http], endpoint: "login-server", directOnly: true)

  func input(_ b: FactsBuilder) -> DiagnosisInput {
    DiagnosisInput(
      registry: b.registry, symptoms: b.symptoms, probes: b.probes,
      proxyEnvironment: ProxyEnvironment(environment: b.environment))
  }

  /// The proxy answered, the machine-wide probes too; only the dropped direct path is left.
  func behindProxy(_ outcome: ProxyConnectOutcome, status: String? = nil) -> FactsBuilder {
    var b = FactsBuilder()
    b.environment = ["HTTPS_PROXY": "http://proxy:3128"]
    b.nameservers([.resolved])
    b.docker(reachable: false)
    b.dns(["203.0.113.10"])
    b.proxy(outcome, status: status)
    return b
  }

  /// Names the rules that still wait, for a failure message.
  func waitingRules(_ input: DiagnosisInput, _ pending: [PendingFacts]) -> String {
    Findings.all.filter { $0.mayChange(input, with: pending) }.map { "\($0.spec.id.rawValue)" }.joined(separator: ", ")
  }

  func testAProxyDenialIsDecidedWithoutWaitingForTheDroppedDirectPath() {
    let facts = input(behindProxy(.denied, status: "HTTP/1.1 403 Forbidden"))
    XCTAssertEqual(Diagnosis.drafts(for: facts).first?.id, .proxyConnectDenied)
    XCTAssertTrue(
      Diagnosis.isSettled(facts, pending: [directToLogin]), "still waiting: \(waitingRules(facts, [directToLogin]))")
  }

  func testAHealthyTunnelIsDecidedWithoutWaitingForTheDroppedDirectPath() {
    var b = behindProxy(.established)
    b.tls(path: .proxy("http://proxy:3128"))
    b.http(path: .proxy("http://proxy:3128"))
    let facts = input(b)
    XCTAssertTrue(
      Diagnosis.isSettled(facts, pending: [directToLogin]), "still waiting: \(waitingRules(facts, [directToLogin]))")
  }

  func testAClientWithoutProxyWaitsForItsOwnDirectPath() {
    var b = FactsBuilder()
    b.nameservers([.resolved])
    b.docker(reachable: false)
    b.dns(["203.0.113.10"])
    XCTAssertFalse(Diagnosis.isSettled(input(b), pending: [directToLogin]))
  }

  func testADaemonWithoutProxyWaitsForTheDirectPathItWouldTake() {
    var b = behindProxy(.established)
    b.probes.removeAll { $0.id == "docker.daemon" }
    b.docker(reachable: true)
    b.tls(path: .proxy("http://proxy:3128"))
    b.http(path: .proxy("http://proxy:3128"))
    // Whether docker-daemon-proxy-missing applies depends on whether direct is blocked: wait for it.
    XCTAssertFalse(Diagnosis.isSettled(input(b), pending: [directToLogin]))
  }

  func testSilentNameserversAreWaitedForEvenBehindAProxy() {
    var b = behindProxy(.denied, status: "HTTP/1.1 403 Forbidden")
    b.probes.removeAll { $0.id == "dns.nameservers" || $0.id == "dns.login-server" }
    let pending = [PendingFacts([.nameservers]), PendingFacts([.dns, .tcp, .tls, .http], endpoint: "login-server")]
    // dns-server-unreachable (rank 5) would outrank the proxy's denial (8).
    XCTAssertFalse(Diagnosis.isSettled(input(b), pending: pending))
  }

  func testAnythingPendingFromATaskThatSaysNothingBlocksTheVerdict() {
    let facts = input(behindProxy(.denied, status: "HTTP/1.1 403 Forbidden"))
    XCTAssertFalse(Diagnosis.isSettled(facts, pending: [.anything]))
  }

  func testNothingPendingIsSettled() {
    XCTAssertTrue(Diagnosis.isSettled(input(FactsBuilder()), pending: []))
  }
}
