import Dispatch
import DoctorCore
import Foundation
import XCTest

@testable import DoctorProbes

/// AzureProbe against the fake `az` (Fixtures/fake-az/az), which replays recorded outputs of the real CLI.
/// No real az is ever run: PATH holds only the fake and the system directories its script needs.
final class AzureProbeTests: XCTestCase {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures")
  static let fakeAzDirectory = fixtures.appendingPathComponent("fake-az").path
  let contoso = RegistryTarget(
    input: "contoso", kind: .acr(name: "contoso", suffix: "azurecr.io"), host: "contoso.azurecr.io")

  func context(_ scenario: String, seconds: Double = 30, extra: [String: String] = [:])
    -> ProbeContext
  {
    var env = [
      "PATH": "\(Self.fakeAzDirectory):/usr/bin:/bin", "FAKE_AZ_SCENARIO": scenario,
      "HOME": NSTemporaryDirectory(),
    ]
    env.merge(extra) { _, new in new }
    return ProbeContext(deadline: .now() + seconds, environment: env)
  }

  func run(_ scenario: String, registry: RegistryTarget? = nil) -> AzureFacts {
    AzureProbe.run(registry: registry ?? contoso, context: context(scenario))
  }

  // MARK: Recorded registry configurations

  func testPublicRegistryWithDefaultAllow() {
    let facts = run("public")
    XCTAssertEqual(facts.state, .ok, facts.error ?? "")
    XCTAssertNil(
      facts.error, "replication list refusing a Standard registry is expected, not an error")
    XCTAssertEqual(facts.loginServer, "contoso.azurecr.io")
    XCTAssertEqual(facts.sku, "Standard")
    XCTAssertEqual(facts.publicNetworkAccess, "Enabled")
    XCTAssertEqual(facts.defaultAction, "Allow")
    XCTAssertEqual(facts.ipRules, [])
    XCTAssertEqual(facts.networkRuleBypassOptions, "AzureServices")
    XCTAssertEqual(facts.dataEndpointEnabled, false)
    XCTAssertEqual(facts.dataEndpoints, [], "the *.blob wildcard is not a host to probe")
    XCTAssertEqual(facts.replicationRegions, [])
    XCTAssertEqual(facts.privateEndpointConnections, 0)
    XCTAssertEqual(facts.providerRegistrationState, "Registered")
    XCTAssertFalse(facts.isNetworkRestricted)
  }

  func testIPRestrictedRegistry() {
    let facts = run("ip-restricted")
    XCTAssertEqual(facts.state, .ok, facts.error ?? "")
    XCTAssertEqual(facts.sku, "Premium")
    XCTAssertEqual(facts.publicNetworkAccess, "Enabled")
    XCTAssertEqual(facts.defaultAction, "Deny")
    XCTAssertEqual(facts.ipRules, ["198.51.100.0/24", "192.0.2.10"])
    XCTAssertEqual(facts.networkRuleBypassOptions, "AzureServices")
    XCTAssertEqual(facts.replicationRegions, ["japaneast"])
    XCTAssertTrue(facts.isNetworkRestricted)
  }

  func testPublicAccessDisabledWithPrivateEndpoint() {
    let facts = run("private-endpoint")
    XCTAssertEqual(facts.state, .ok, facts.error ?? "")
    XCTAssertEqual(facts.publicNetworkAccess, "Disabled")
    XCTAssertEqual(facts.privateEndpointConnections, 1)
    XCTAssertEqual(facts.dataEndpointEnabled, true)
    XCTAssertEqual(facts.dataEndpoints, ["contoso.japaneast.data.azurecr.io"])
    XCTAssertTrue(facts.isNetworkRestricted)
  }

  func testTrustedServicesOffOnRestrictedRegistry() {
    let facts = run("trusted-services-off")
    XCTAssertEqual(facts.state, .ok, facts.error ?? "")
    XCTAssertEqual(facts.networkRuleBypassOptions, "None")
    XCTAssertEqual(facts.defaultAction, "Deny")
    XCTAssertEqual(facts.ipRules, ["203.0.113.0/26"])
  }

  func testProviderNotRegisteredInTheVNetSubscription() {
    let facts = run("provider-not-registered")
    XCTAssertEqual(facts.state, .failed)
    XCTAssertEqual(
      facts.error,
      "registry not found in subscription Network Hub (5d2c9e4a-7b1f-4c3e-8a90-6e1f2d3c4b5a)")
    XCTAssertEqual(
      facts.providerRegistrationState, "NotRegistered", "kept although the registry is elsewhere")
  }

  func testGeoReplicatedWithDedicatedDataEndpoints() {
    let facts = run("geo-replicated")
    XCTAssertEqual(facts.state, .ok, facts.error ?? "")
    XCTAssertEqual(facts.dataEndpointEnabled, true)
    XCTAssertEqual(
      facts.dataEndpoints,
      ["contoso.japaneast.data.azurecr.io", "contoso.westeurope.data.azurecr.io"])
    XCTAssertEqual(facts.replicationRegions, ["japaneast", "westeurope"])
    XCTAssertFalse(facts.isNetworkRestricted)
  }

  func testRegistryNotInSubscription() {
    let other = RegistryTarget(
      input: "fabrikam", kind: .acr(name: "fabrikam", suffix: "azurecr.io"),
      host: "fabrikam.azurecr.io")
    let facts = run("public", registry: other)
    XCTAssertEqual(facts.state, .failed)
    XCTAssertEqual(
      facts.error,
      "registry not found in subscription Contoso Production (0b1f6471-1bf0-4dda-aec3-cb9272f09590)"
    )
  }

  /// Fields the current CLI prints (recorded shape of `az acr show` and `az acr show-endpoints`, API 2025-).
  func testTasksBypassAndRegionalEndpointsAreRead() {
    let facts = run("regional-endpoints")
    XCTAssertEqual(facts.state, .ok, facts.error ?? "")
    XCTAssertEqual(facts.networkRuleBypassAllowedForTasks, true)
    XCTAssertEqual(facts.regionalEndpointsStatus, "Enabled")
    XCTAssertEqual(
      facts.regionalEndpoints, ["contoso.japaneast.geo.azurecr.io", "contoso.westeurope.geo.azurecr.io"])
    let older = run("geo-replicated")
    XCTAssertNil(older.networkRuleBypassAllowedForTasks, "older CLIs do not print it")
    XCTAssertEqual(older.regionalEndpoints, [])
  }

  /// `az config set defaults.group=rg-other` must not hide a registry of another group (issue 11).
  func testTheUsersDefaultGroupDoesNotHideTheRegistry() {
    let facts = AzureProbe.run(
      registry: contoso,
      context: context("public", extra: ["FAKE_AZ_CONFIG_DEFAULT_GROUP": "rg-other"]))
    XCTAssertEqual(facts.state, .ok, facts.error ?? "")
    XCTAssertEqual(facts.publicNetworkAccess, "Enabled")
  }

  // MARK: How az is run

  func testArgumentsAreSeparateElementsAndStdinIsDevNull() throws {
    let log = FileManager.default.temporaryDirectory.appendingPathComponent(
      "fake-az-log-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: log, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: log) }
    let facts = AzureProbe.run(
      registry: contoso, context: context("geo-replicated", extra: ["FAKE_AZ_LOG": log.path]))
    XCTAssertEqual(facts.state, .ok, facts.error ?? "")

    func logged(_ key: String) throws -> [String] {
      try String(contentsOf: log.appendingPathComponent("\(key).args"), encoding: .utf8)
        .split(separator: "\n").map(String.init)
    }
    XCTAssertEqual(
      try logged("acr-show"),
      ["acr", "show", "--name", "contoso", "--only-show-errors", "-o", "json", "stdin=/dev/null"])
    XCTAssertEqual(
      try logged("acr-replication-list"),
      [
        "acr", "replication", "list", "--registry", "contoso", "--only-show-errors", "-o", "json",
        "stdin=/dev/null",
      ])
    XCTAssertEqual(
      try logged("provider-show"),
      [
        "provider", "show", "--namespace", "Microsoft.ContainerRegistry", "--query",
        "registrationState",
        "--only-show-errors", "-o", "json", "stdin=/dev/null",
      ])
    XCTAssertEqual(try logged("account-show").first, "account")
    XCTAssertEqual(
      try logged("acr-show-endpoints").prefix(4), ["acr", "show-endpoints", "--name", "contoso"])
  }

  func testExplicitAzPathIsUsedWithoutPATH() {
    let az = Self.fakeAzDirectory + "/az"
    let ctx = ProbeContext(
      deadline: .now() + 30,
      environment: [
        "PATH": "/usr/bin:/bin", "FAKE_AZ_SCENARIO": "ip-restricted",
        "HOME": NSTemporaryDirectory(),
      ])
    let facts = AzureProbe.run(registry: contoso, context: ctx, azPath: az)
    XCTAssertEqual(facts.state, .ok, facts.error ?? "")
    XCTAssertEqual(facts.defaultAction, "Deny")
  }

  // MARK: When az cannot help

  func testNotAnACRIsDisabled() {
    let ghcr = RegistryTarget(input: "ghcr.io", kind: .generic, host: "ghcr.io")
    let facts = AzureProbe.run(registry: ghcr, context: context("public"))
    XCTAssertEqual(facts.state, .disabled)
    XCTAssertEqual(
      facts.error, "ghcr.io is not an Azure Container Registry; the Azure CLI is not asked")
  }

  func testAzMissing() {
    let ctx = ProbeContext(
      deadline: .now() + 30, environment: ["PATH": "/nonexistent-regdoctor:/usr/share"])
    let facts = AzureProbe.run(registry: contoso, context: ctx)
    XCTAssertEqual(facts.state, .notInstalled)
    let noPath = AzureProbe.run(
      registry: contoso, context: ProbeContext(deadline: .now() + 30, environment: [:]))
    XCTAssertEqual(noPath.state, .notInstalled)
  }

  func testNotLoggedIn() {
    let facts = run("not-logged-in")
    XCTAssertEqual(facts.state, .notLoggedIn)
    XCTAssertTrue(
      facts.error?.contains("Please run 'az login' to setup account.") ?? false,
      facts.error ?? "nil")
    XCTAssertFalse(facts.error?.contains("ERROR:") ?? true)
  }

  func testSlowAzIsKilledAtTheDeadline() {
    let start = DispatchTime.now()
    let facts = AzureProbe.run(registry: contoso, context: context("slow", seconds: 1.5))
    XCTAssertEqual(facts.state, .timeout)
    XCTAssertTrue(
      facts.error?.contains("did not finish before the deadline") ?? false, facts.error ?? "nil")
    // The fake sleeps 30 s: returning long before that shows the whole process group was killed, not waited for.
    XCTAssertLessThan(elapsedMs(since: start), 20_000)
  }

  func testCancellationStopsAz() {
    let ctx = context("slow", seconds: 60)
    DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) { ctx.cancellation.cancel() }
    let start = DispatchTime.now()
    let facts = AzureProbe.run(registry: contoso, context: ctx)
    XCTAssertEqual(facts.state, .timeout)
    XCTAssertLessThan(elapsedMs(since: start), 20_000)
  }

  func testGarbageOutputFailsWithAClearMessage() {
    let facts = run("garbage")
    XCTAssertEqual(facts.state, .failed)
    XCTAssertEqual(
      facts.error,
      "az acr show printed something that is not JSON: '<html><head><title>502 Bad Gateway</title></head><body>upstream error</body></ht…'"
    )
  }

  func testOutputPastTheCapIsNotRead() {
    let facts = run("huge")
    XCTAssertEqual(facts.state, .failed)
    XCTAssertEqual(facts.error, "az acr show printed more than 4 MiB")
  }

  // MARK: Probe result

  func testProbeResultCarriesFactsAndDetails() {
    let result = AzureProbe.probe(registry: contoso, context: context("ip-restricted"))
    XCTAssertEqual(result.id, "azure.registry")
    XCTAssertEqual(result.status, .pass)
    XCTAssertTrue(
      result.details.contains(Detail("ipRules", "198.51.100.0/24, 192.0.2.10")), "\(result.details)")
    guard case .azure(let facts) = result.facts else { return XCTFail("no azure facts") }
    XCTAssertEqual(facts.defaultAction, "Deny")

    let missing = AzureProbe.probeResult(
      AzureFacts(state: .notInstalled), registry: contoso, durationMs: 1)
    XCTAssertEqual(missing.status, .skip)
    let late = AzureProbe.probeResult(AzureFacts(state: .timeout), registry: contoso, durationMs: 1)
    XCTAssertEqual(late.status, .error)
  }
}
