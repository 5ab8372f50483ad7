import Dispatch
import DoctorCore
import Foundation
import LabServers
import XCTest

@testable import DoctorProbes

/// The followed pull against real lab registries on loopback: the token flow, the manifest, the blob request's
/// redirect read and not followed; and its bounds: a redirect loop, a redirect to plain http, a manifest that never
/// ends, a blob that never ends, a gateway's 502. No token or credential ever lands in the facts.
final class PullFollowerTests: XCTestCase {
  let image = ImageReference(repository: "hello", tag: "1")

  private func registry(mode: RegistryServer.Mode = .normal, redirect: String? = nil) throws -> RegistryServer {
    let material = try LabFixtures.load()
    let server = RegistryServer(
      .init(
        tls: try material.good.serverTLSConfiguration(chain: [material.pki.ca]), mode: mode,
        image: LabImage(reference: "hello:1"), blobRedirectHost: redirect))
    try server.start()
    return server
  }

  private func target(_ server: RegistryServer) -> RegistryTarget {
    RegistryTarget(input: "127.0.0.1:\(server.port)", kind: .generic, host: "127.0.0.1", port: server.port)
  }

  private func follow(
    _ server: RegistryServer, seconds: Double = 10, environment: [String: String] = [:]
  ) throws -> PullFacts {
    PullFollower.follow(
      image: image, registry: target(server), environment: environment,
      path: PullPath(
        proxies: ProxyEnvironment(environment: environment), trust: try LabFixtures.labTrust(), puller: nil,
        description: "the test's"),
      context: LabFixtures.context(seconds: seconds))
  }

  private func assertNoSecrets(
    _ facts: PullFacts, _ more: [String] = [], file: StaticString = #filePath, line: UInt = #line
  ) {
    let text = String(describing: facts)
    for secret in ["lab-anonymous-token", "sig=lab-signature"] + more {
      XCTAssertFalse(text.contains(secret), "\(secret) in the facts", file: file, line: line)
    }
  }

  func testTheBlobRequestsRedirectNamesTheBlobHostWhichIsNotAsked() throws {
    let data = try registry()
    defer { data.stop() }
    let login = try registry(redirect: "127.0.0.1:\(data.port)")
    defer { login.stop() }
    let facts = try follow(login)
    XCTAssertNil(facts.stop, facts.stopDetail ?? "")
    XCTAssertEqual(facts.steps.map(\.kind), [.challenge, .token, .manifest, .blob])
    XCTAssertEqual(facts.steps.map(\.statusCode), [401, 200, 200, 307])
    XCTAssertEqual(facts.blobHost?.hostPort, "127.0.0.1:\(data.port)")
    XCTAssertEqual(facts.blobHost?.scheme, "https")
    XCTAssertFalse(facts.servedByRegistry)
    XCTAssertEqual(data.requestCount, 0, "the redirect is read, not followed")
    XCTAssertTrue(login.requestLines.contains { $0.hasPrefix("GET /oauth2/token?") && $0.contains("scope=") })
    assertNoSecrets(facts)
  }

  func testABlobTheRegistryServesItselfIsReadOnlyInItsRange() throws {
    let login = try registry()
    defer { login.stop() }
    let facts = try follow(login)
    XCTAssertNil(facts.stop, facts.stopDetail ?? "")
    XCTAssertTrue(facts.servedByRegistry)
    XCTAssertNil(facts.blobHost)
    XCTAssertGreaterThan(facts.blobBytesRead, 0)
    XCTAssertLessThanOrEqual(facts.blobBytesRead, PullFacts.blobRange)
  }

  func testARedirectLoopStopsAfterTheHopLimit() throws {
    let login = try registry(mode: .redirectLoop)
    defer { login.stop() }
    let facts = try follow(login)
    XCTAssertEqual(facts.stop, .redirectLoop, facts.stopDetail ?? "")
    XCTAssertEqual(facts.redirects.count, PullFacts.maxRedirects + 1)
    XCTAssertEqual(login.requestLines.filter { $0.contains("/blobs/") }.count, PullFacts.maxRedirects + 1)
    XCTAssertNil(facts.blobHost)
  }

  func testARedirectToPlainHTTPIsAFactAndNotFollowed() throws {
    let login = try registry(mode: .redirectPlainHTTP)
    defer { login.stop() }
    let facts = try follow(login)
    XCTAssertNil(facts.stop, facts.stopDetail ?? "")
    XCTAssertEqual(facts.blobHost?.isPlainHTTP, true)
    XCTAssertEqual(facts.blobHost?.scheme, "http")
    XCTAssertEqual(facts.blobHost?.hostPort, "127.0.0.1:\(login.port)")
    XCTAssertEqual(login.requestLines.filter { $0.contains("/blobs/") }.count, 1, "not followed")
    let described = ProbeDescriber.describe(
      ProbeResult(id: "pull.image", target: "t", durationMs: 0, facts: .pull(facts)), in: .en)
    XCTAssertEqual(described.status, .warn)
    XCTAssertTrue(described.summary.contains("plain http"), described.summary)
  }

  /// The body never ends and has no Content-Length: read up to the cap, then given up, long before the deadline.
  func testAManifestThatNeverEndsIsCutAtTheCap() throws {
    let login = try registry(mode: .hugeManifest)
    defer { login.stop() }
    let start = DispatchTime.now()
    let facts = try follow(login, seconds: 30)
    XCTAssertEqual(facts.stop, .manifestTooLarge, facts.stopDetail ?? "")
    XCTAssertLessThan(elapsedMs(since: start), 15_000, "stopped by the cap, not by the deadline")
  }

  func testABlobThatNeverEndsIsReadOnlyForItsRange() throws {
    let login = try registry(mode: .endlessBlob)
    defer { login.stop() }
    let start = DispatchTime.now()
    let facts = try follow(login, seconds: 30)
    XCTAssertNil(facts.stop, facts.stopDetail ?? "")
    XCTAssertEqual(facts.blobBytesRead, PullFacts.blobRange)
    XCTAssertLessThan(elapsedMs(since: start), 15_000, "stopped after the range, not by the deadline")
  }

  func testAGatewaysBadGatewayIsAServerErrorOnTheFirstRequest() throws {
    let login = try registry(mode: .badGateway)
    defer { login.stop() }
    let facts = try follow(login)
    XCTAssertEqual(facts.stop, .serverError)
    XCTAssertEqual(facts.serverError?.kind, .challenge)
    XCTAssertEqual(facts.serverError?.statusCode, 502)
  }

  func testNothingListeningStopsWithNoAnswer() throws {
    let port = try LabFixtures.closedPort()
    let facts = PullFollower.follow(
      image: image, registry: RegistryTarget(input: "x", kind: .generic, host: "127.0.0.1", port: port),
      environment: [:],
      path: PullPath(
        proxies: ProxyEnvironment(environment: [:]), trust: try LabFixtures.labTrust(), puller: nil,
        description: "the test's"),
      context: LabFixtures.context())
    XCTAssertEqual(facts.stop, .noAnswer)
    XCTAssertNotNil(facts.steps.first?.failure)
  }

  // MARK: the credentials docker would send

  private func dockerConfig(_ json: String) throws -> String {
    let directory = NSTemporaryDirectory() + "regdoctor-docker-config-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    try json.write(toFile: directory + "/config.json", atomically: true, encoding: .utf8)
    return directory
  }

  func testAuthsCredentialsAreUsedAndNeverShown() throws {
    let login = try registry()
    defer { login.stop() }
    let secret = Data("alice:s3cret-passw0rd".utf8).base64EncodedString()
    let directory = try dockerConfig(#"{"auths":{"https://127.0.0.1:\#(login.port)":{"auth":"\#(secret)"}}}"#)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let facts = try follow(login, environment: ["DOCKER_CONFIG": directory])
    XCTAssertEqual(facts.credentialSource, "$DOCKER_CONFIG/config.json auths")
    XCTAssertNil(facts.credentialProblem)
    assertNoSecrets(facts, ["s3cret-passw0rd", secret])
    let described = ProbeDescriber.describe(
      ProbeResult(id: "p", target: "t", durationMs: 0, facts: .pull(facts)), in: .en)
    XCTAssertFalse(described.details.map(\.value).joined().contains("s3cret"))
  }

  /// `docker-credential-NAME get` gets the host on stdin, as docker gives it; its answer is used, never shown.
  func testACredentialHelperIsAskedForTheHost() throws {
    let login = try registry()
    defer { login.stop() }
    let host = "127.0.0.1:\(login.port)"
    let directory = try dockerConfig(#"{"credHelpers":{"\#(host)":"labtest"}}"#)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let script = """
      #!/bin/sh
      read server
      [ "$1" = get ] && [ "$server" = "\(host)" ] || exit 1
      echo '{"ServerURL":"'$server'","Username":"bob","Secret":"helper-secret-42"}'
      """
    try script.write(toFile: directory + "/docker-credential-labtest", atomically: true, encoding: .utf8)
    chmod(directory + "/docker-credential-labtest", 0o755)
    let facts = try follow(login, environment: ["DOCKER_CONFIG": directory, "PATH": "\(directory):/usr/bin:/bin"])
    XCTAssertEqual(facts.credentialSource, "docker-credential-labtest", facts.credentialProblem ?? "")
    assertNoSecrets(facts, ["helper-secret-42"])
    // A helper that is missing leaves the pull anonymous, and says so.
    let missing = try follow(login, environment: ["DOCKER_CONFIG": directory, "PATH": "/usr/bin:/bin"])
    XCTAssertNil(missing.credentialSource)
    XCTAssertTrue(missing.credentialProblem?.contains("not on PATH") ?? false, missing.credentialProblem ?? "")
    XCTAssertNil(missing.stop)
  }

  func testAGarbageDockerConfigIsAFactNotACrash() throws {
    let login = try registry()
    defer { login.stop() }
    let directory = try dockerConfig("{not json")
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let facts = try follow(login, environment: ["DOCKER_CONFIG": directory])
    XCTAssertNil(facts.credentialSource)
    XCTAssertTrue(facts.credentialProblem?.contains("not valid JSON") ?? false)
    XCTAssertNil(facts.stop)
  }
}
