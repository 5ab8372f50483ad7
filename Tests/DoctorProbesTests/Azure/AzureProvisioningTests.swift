import DoctorCore
import Foundation
import XCTest

@testable import DoctorProbes

/// What Azure reports as still being set up, from `az acr show` as the real CLI prints it (fake az, recorded
/// output): the registry's provisioningState and its private endpoint connections'.
final class AzureProvisioningTests: XCTestCase {
  let contoso = RegistryTarget(
    input: "contoso", kind: .acr(name: "contoso", suffix: "azurecr.io"), host: "contoso.azurecr.io")

  func run(_ scenario: String) -> AzureFacts {
    let env = [
      "PATH": "\(AzureProbeTests.fakeAzDirectory):/usr/bin:/bin", "FAKE_AZ_SCENARIO": scenario,
      "HOME": NSTemporaryDirectory(),
    ]
    return AzureProbe.run(registry: contoso, context: ProbeContext(deadline: .now() + 30, environment: env))
  }

  func testARegistryStillUpdatingAndAConnectionAwaitingApprovalAreRead() {
    let facts = run("provisioning")
    XCTAssertEqual(facts.state, .ok, facts.error ?? "")
    XCTAssertEqual(facts.provisioningState, "Updating")
    XCTAssertEqual(
      facts.privateEndpointConnectionsInProgress,
      ["pe-contoso-acr.9c2a61f0-5c1e-4f7e-9a63-1f4d3c0e8b21: provisioning Updating, connection Pending"])
  }

  func testAFinishedRegistryHasNothingInProgress() {
    let facts = run("private-endpoint")
    XCTAssertEqual(facts.provisioningState, "Succeeded")
    XCTAssertEqual(facts.privateEndpointConnectionsInProgress, [])
  }

  /// The watch says why a failure may not have healed yet: Azure has not finished applying the change.
  func testTheWatchSaysAzureIsStillProvisioning() {
    var report = Diagnosis.report(
      input: DiagnosisInput(
        registry: contoso, symptoms: [], probes: [], proxyEnvironment: ProxyEnvironment(environment: [:])),
      language: .en, elapsedMs: 0)
    report.findings = [
      Finding(
        id: .privateEndpointUnreachable, cause: .vnetPrivateEndpointConfig, severity: .error, title: "", why: "",
        evidence: [], probeIDs: [], remedies: [])
    ]
    report.probes = [
      ProbeDescriber.describe(
        ProbeResult(id: "azure.registry", target: "contoso", durationMs: 1, facts: .azure(run("provisioning"))), in: .en
      )
    ]
    var log = WatchLog()
    let sample = log.record(report, atMs: 1000)
    XCTAssertTrue(
      sample.stillHeldBy.contains { $0.contains("still provisioning (provisioningState Updating)") },
      "\(sample.stillHeldBy)")
    XCTAssertTrue(sample.stillHeldBy.contains { $0.contains("connection Pending") }, "\(sample.stillHeldBy)")
    // Once nothing fails, Azure finishing its change is no reason for anything.
    report.findings = []
    XCTAssertEqual(log.record(report, atMs: 2000).stillHeldBy, [])
  }
}
