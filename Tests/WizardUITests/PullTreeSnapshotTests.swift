import DoctorCore
import XCTest

@testable import WizardUI

/// The followed pull (`--image`) in the puller branch: the Docker daemon pulls direct, the login server answers
/// the challenge, the token and the manifest, the blob request redirects to the registry's storage account, which
/// refuses the connection. Golden screens (REGDOCTOR_RECORD_SNAPSHOTS=1 records) and what the panes must say.
final class PullTreeSnapshotTests: XCTestCase {
  private static let login = Endpoint(host: "contoso.azurecr.io", role: .loginServer, label: "login-server")
  private static let storageHost = "contosojpe042.blob.core.windows.net"
  private static let storage = Endpoint(host: storageHost, role: .blobHost, label: "blob-host.\(storageHost)")
  private static let socket = "unix:///var/run/docker.sock"

  private func report(_ language: Language) -> Report {
    func result(_ id: ProbeID, _ target: String, _ ms: Double, _ facts: ProbeFacts) -> ProbeResult {
      ProbeResult(id: id, target: target, durationMs: ms, facts: facts)
    }
    let daemon = DockerDaemonFacts(
      host: Self.socket, reachable: true, error: nil, httpProxy: nil, httpsProxy: nil, noProxy: nil,
      serverVersion: "20.10.24", sources: [])
    let v2 = HTTPFacts(
      endpoint: Self.login, path: .direct, requestPath: "/v2/", outcome: .response, statusCode: 401,
      reasonPhrase: "Unauthorized",
      challenge: AuthChallenge(scheme: "Bearer", parameters: ["realm": "https://contoso.azurecr.io/oauth2/token"]),
      errorBody: nil, bodySnippet: nil, phases: [])
    let tls = TLSFacts(
      endpoint: Self.login, address: "20.43.65.1", path: .direct, outcome: .verified, reason: nil, chain: [],
      handshakeMs: 6)
    let path = PullerPathFacts(
      puller: .docker, endpoint: Self.login, proxyURL: nil, source: "/info of the daemon at \(Self.socket)",
      trust: "system bundle /etc/ssl/certs/ca-certificates.crt (139 certificates)", tls: tls, http: v2)
    let hex = String(repeating: "5e", count: 32)
    let redirect = PullRedirect(
      scheme: "https", host: Self.storageHost, port: 443, path: "/docker/registry/v2/blobs/sha256/5e/\(hex)/data")
    var pull = PullFacts(
      image: ImageReference(repository: "hello", tag: "1"), loginServer: "contoso.azurecr.io", path: .direct,
      steps: [
        PullStep(kind: .challenge, host: "contoso.azurecr.io", path: "/v2/", statusCode: 401, ms: 8.4),
        PullStep(kind: .token, host: "contoso.azurecr.io", path: "/oauth2/token", statusCode: 200, ms: 3.1),
        PullStep(kind: .manifest, host: "contoso.azurecr.io", path: "/v2/hello/manifests/1", statusCode: 200, ms: 2.7),
        PullStep(
          kind: .blob, host: "contoso.azurecr.io", path: "/v2/hello/blobs/sha256:\(hex)", statusCode: 307, ms: 2),
      ], redirects: [redirect], blobHost: redirect,
      pullerPath: "the Docker daemon's: proxy and NO_PROXY from /info of the daemon at \(Self.socket); trust "
        + "system bundle /etc/ssl/certs/ca-certificates.crt (139 certificates)")
    pull.puller = .docker
    let storageDNS = DNSFacts(
      endpoint: Self.storage,
      system: SystemLookup(outcome: .resolved, addresses: [ResolvedAddress(ip: "20.150.1.1")], ms: 2.5), wire: nil,
      hostsEntries: [])
    let refused = TCPFacts(
      endpoint: Self.storage, address: ResolvedAddress(ip: "20.150.1.1"), outcome: .refused, ms: 0.4,
      error: "connect: connection refused")
    let probes = [
      AzureFixtures.dnsProbe(),
      result("docker.daemon", Self.socket, 4, .dockerDaemon(daemon)),
      result("puller.docker.login-server", "contoso.azurecr.io:443", 12, .pullerPath(path)),
      result("pull.image", "contoso.azurecr.io/hello:1", 17, .pull(pull)),
      result(.dns(Self.storage), Self.storageHost, 2.5, .dns(storageDNS)),
      result(.tcp(Self.storage, "20.150.1.1"), "20.150.1.1:443", 0.4, .tcp(refused)),
    ]
    let input = DiagnosisInput(
      registry: AzureFixtures.registry, symptoms: [], probes: probes,
      proxyEnvironment: ProxyEnvironment(environment: [:]))
    return Diagnosis.report(input: input, language: language, elapsedMs: 40)
  }

  /// The tree open down to the pull's requests and hosts, the cursor on `node`, its pane open.
  private func opened(_ node: ExtraNode, _ language: Language, _ size: Size) -> AppState {
    var state = AzureFixtures.state(report(language), language: language, size: size)
    // Room for the branch: the conclusion's cause folded.
    state.moveTreeCursor(to: .cause(state.report!.conclusion.cause))
    press(&state, .left)
    state.moveTreeCursor(to: .extra(.pullers))
    press(&state, .right)
    state.moveTreeCursor(to: .extra(.pull))
    press(&state, .enter)
    state.moveTreeCursor(to: .extra(node))
    if node != .pull { press(&state, .enter) }
    return state
  }

  func testThePullBranchShowsWhosePullItsRequestsAndTheBlobHost() throws {
    for language in Language.allCases {
      let state = opened(.pull, language, Size(width: 100, height: 30))
      XCTAssertEqual(state.report?.conclusion.finding, .blobHostUnreachable)
      let pull = try XCTUnwrap(state.pullBranch)
      XCTAssertEqual(pull.outcome, "fails")
      XCTAssertEqual(pull.hosts.map(\.learnt.host), [Self.storageHost])
      XCTAssertEqual(pull.hosts.first?.status, "fails")
      XCTAssertTrue(pull.findings.contains("blob-host-unreachable"), "\(pull.findings)")
      let labels = state.treeRows.map(\.label)
      XCTAssertTrue(labels.contains("blob → 307 \(Self.storageHost)"), "\(labels)")
      XCTAssertTrue(labels.contains("manifest → 200"), "\(labels)")
      for size in [Size(width: 80, height: 24), Size(width: 100, height: 30)] {
        let name = "\(size.width)x\(size.height)-\(language.rawValue)"
        var sized = opened(.pull, language, size)
        assertSnapshot(view(sized, size: size), named: "pull-branch-\(name)")
        sized = opened(.blobHost(0), language, size)
        assertSnapshot(view(sized, size: size), named: "pull-blob-host-\(name)")
      }
      var pane = PaneWriter(width: 200, glyphs: Glyphs(ascii: false))
      state.writePull(into: &pane)
      let text = pane.lines.map(\.text).joined(separator: "\n")
      XCTAssertTrue(text.contains("puller: Docker daemon"), text)
      XCTAssertTrue(text.contains("proxy: direct"), text)
      XCTAssertTrue(text.contains("trust system bundle"), text)
      XCTAssertTrue(text.contains("request 4: blob GET contoso.azurecr.io/v2/hello/blobs/sha256:"), text)
      XCTAssertTrue(text.contains("\(Self.storageHost) (redirect): fails"), text)
    }
  }

  func testABlobHostsPaneHasItsProbesTimingsAndFindings() {
    let state = opened(.blobHost(0), .en, Size(width: 100, height: 30))
    var pane = PaneWriter(width: 200, glyphs: Glyphs(ascii: false))
    state.writeBlobHost(0, into: &pane)
    let text = pane.lines.map(\.text).joined(separator: "\n")
    XCTAssertTrue(text.contains("learnt from: redirect"), text)
    XCTAssertTrue(text.contains("dns.blob-host.\(Self.storageHost)"), text)
    XCTAssertTrue(text.contains("tcp.blob-host.\(Self.storageHost).20.150.1.1"), text)
    XCTAssertTrue(text.contains("Timings"), text)
    XCTAssertTrue(text.contains("blob-host-unreachable"), text)
    XCTAssertEqual(state.diagnosis.openedNode, .extra(.blobHost(0)))
    XCTAssertEqual(state.diagnosis.focus, .pane, "Enter on a leaf opens its pane, as on a remedy")
  }

  /// The blob request's step pane names the redirect's host and path, never a signed query or a token.
  func testAStepPaneShowsTheRedirectWithoutItsQuery() {
    var state = opened(.pullStep(3), .en, Size(width: 100, height: 30))
    var pane = PaneWriter(width: 200, glyphs: Glyphs(ascii: false))
    state.writePullStep(3, into: &pane)
    let text = pane.lines.map(\.text).joined(separator: "\n")
    XCTAssertTrue(text.contains("answer: 307"), text)
    XCTAssertTrue(text.contains("redirect 1: https://\(Self.storageHost)/docker/registry/v2/blobs/sha256/5e/"), text)
    XCTAssertTrue(text.contains("layers from \(Self.storageHost)"), text)
    // ← goes back to the pull, the keys work as on the rest of the tree.
    press(&state, .tab)
    press(&state, .left)
    XCTAssertEqual(state.treeRows[state.diagnosis.tree.cursor].node, .extra(.pull))
    for screen in [view(state, size: state.size).text(), text] {
      XCTAssertFalse(screen.contains("sig="), screen)
      XCTAssertFalse(screen.contains("access_token"), screen)
    }
  }

  /// The Docker daemon's proxy whose password /info masks was read from its /proc/PID/environ: the puller branch
  /// says so, and names the drop-in that sets it (comparing host and port, not the masked spelling).
  func testTheDaemonsProxyReadFromItsEnvironSaysSo() {
    let proxy = "http://alice:***@proxy.corp:3128"
    let dropIn = "/etc/systemd/system/docker.service.d/http-proxy.conf"
    let daemon = DockerDaemonFacts(
      host: Self.socket, reachable: true, error: nil, httpProxy: nil, httpsProxy: "http://alice:xxxxx@proxy.corp:3128",
      noProxy: nil, serverVersion: "20.10.24",
      sources: [DaemonProxySource(path: dropIn, httpProxy: nil, httpsProxy: proxy, noProxy: nil)])
    let path = PullerPathFacts(
      puller: .docker, endpoint: Self.login, proxyURL: proxy,
      source: "/proc/812/environ of the daemon at \(Self.socket) (its /info masks the password)", trust: "system")
    let probes = [
      AzureFixtures.dnsProbe(),
      ProbeResult(id: "docker.daemon", target: Self.socket, durationMs: 4, facts: .dockerDaemon(daemon)),
      ProbeResult(
        id: "puller.docker.login-server", target: "contoso.azurecr.io:443", durationMs: 4, facts: .pullerPath(path)),
    ]
    let input = DiagnosisInput(
      registry: AzureFixtures.registry, symptoms: [], probes: probes,
      proxyEnvironment: ProxyEnvironment(environment: [:]))
    let state = AzureFixtures.state(Diagnosis.report(input: input, language: .en, elapsedMs: 4))
    let from = state.pullerBranches.first?.facts.first { $0.0 == "from" }?.1
    XCTAssertEqual(from, "the running daemon (/proc/812/environ: /info masks the password); set in \(dropIn)")
    XCTAssertNil(state.pullBranch, "no --image, no pull in the branch")
  }
}
