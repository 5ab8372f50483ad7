import DoctorCore
import XCTest

/// Facts the user gave in the wizard (state answered-by-user) are trusted like az's, and say where they came from.
final class AnsweredByUserTests: XCTestCase {
  let contoso = RegistryTarget(
    input: "contoso", kind: .acr(name: "contoso", suffix: "azurecr.io"), host: "contoso.azurecr.io")

  func report(_ facts: AzureFacts, symptoms: [SymptomID]) -> Report {
    let dns = DNSFacts(
      endpoint: Endpoint(host: "contoso.azurecr.io", role: .loginServer),
      system: SystemLookup(outcome: .resolved, addresses: [ResolvedAddress(ip: "20.43.65.1")], ms: 2), wire: nil,
      hostsEntries: [])
    let probes = [
      ProbeResult(
        id: "dns.login-server", target: "contoso.azurecr.io", durationMs: 2, facts: .dns(dns)),
      ProbeResult(
        id: "azure.registry", target: "contoso", durationMs: 0, facts: .azure(facts)),
    ]
    let input = DiagnosisInput(
      registry: contoso, symptoms: symptoms, probes: probes, proxyEnvironment: ProxyEnvironment(environment: [:]))
    return Diagnosis.report(input: input, language: .en, elapsedMs: 1)
  }

  func testAnswersDecideTheAzureFindings() {
    let facts = AzureFacts(
      state: .answeredByUser, loginServer: "contoso.azurecr.io", publicNetworkAccess: "Disabled",
      networkRuleBypassOptions: "None", providerRegistrationState: "NotRegistered")
    let r = report(facts, symptoms: [.s10, .s6])
    let ids = r.findings.map(\.id)
    XCTAssertTrue(ids.contains(.publicNetworkAccessDisabled), "\(ids)")
    XCTAssertTrue(ids.contains(.trustedServicesNotAllowed), "\(ids)")
    XCTAssertTrue(ids.contains(.serviceCannotReachRestrictedRegistry), "\(ids)")
    XCTAssertTrue(ids.contains(.resourceProviderNotRegistered), "\(ids)")
    let evidence = r.findings.flatMap(\.evidence)
    XCTAssertTrue(evidence.contains("answer: publicNetworkAccess=Disabled"), "\(evidence)")
    XCTAssertFalse(evidence.contains { $0.hasPrefix("azure:") }, "no line claims az said it: \(evidence)")
    let probe = r.probes.first { $0.id == "azure.registry" }
    XCTAssertEqual(probe?.status, .pass)
    XCTAssertTrue(probe?.summary.contains("your answers") ?? false)
  }

  func testUnansweredFieldsDecideNothing() {
    let r = report(AzureFacts(state: .answeredByUser, loginServer: "contoso.azurecr.io"), symptoms: [.s10, .s6])
    let ids = r.findings.map(\.id)
    XCTAssertFalse(ids.contains(.publicNetworkAccessDisabled))
    XCTAssertFalse(ids.contains(.serviceCannotReachRestrictedRegistry))
    XCTAssertFalse(ids.contains(.resourceProviderNotRegistered))
  }

  func testTheStateKeepsItsName() {
    XCTAssertEqual(AzureCLIState.answeredByUser.rawValue, "answered-by-user")
  }
}
