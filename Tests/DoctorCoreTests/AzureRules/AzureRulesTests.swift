import XCTest

@testable import DoctorCore

/// The Azure rules on hand-made probe results: each finding, and the cases where nothing must be said.
final class AzureRulesTests: XCTestCase {
  let contoso = RegistryTarget(
    input: "contoso", kind: .acr(name: "contoso", suffix: "azurecr.io"), host: "contoso.azurecr.io")

  // MARK: Facts as the probes would report them

  func azure(_ facts: AzureFacts) -> ProbeResult {
    ProbeResult(
      id: "azure.registry", target: "contoso", status: .pass, durationMs: 1, summary: "",
      facts: .azure(facts))
  }

  func registryFacts(
    publicNetworkAccess: PublicNetworkAccess = "Enabled", defaultAction: NetworkDefaultAction = "Allow",
    ipRules: [String] = [],
    bypass: NetworkRuleBypass = "AzureServices", privateEndpoints: Int = 0, regions: [String] = ["japaneast"],
    provider: ProviderRegistrationState = "Registered"
  ) -> AzureFacts {
    AzureFacts(
      state: .ok, loginServer: "contoso.azurecr.io", publicNetworkAccess: publicNetworkAccess,
      defaultAction: defaultAction, ipRules: ipRules, networkRuleBypassOptions: bypass,
      dataEndpointEnabled: false,
      replicationRegions: regions, privateEndpointConnections: privateEndpoints,
      providerRegistrationState: provider,
      sku: "Premium")
  }

  func dns(_ ips: String...) -> ProbeResult {
    let facts = DNSFacts(
      endpoint: Endpoint(host: "contoso.azurecr.io", role: .loginServer),
      system: SystemLookup(
        outcome: .resolved, addresses: ips.map { ResolvedAddress(ip: $0) }, ms: 2), wire: nil,
      hostsEntries: [])
    return ProbeResult(
      id: "dns.login-server", target: "contoso.azurecr.io", status: .pass, durationMs: 2,
      summary: "", facts: .dns(facts))
  }

  func http(status: Int, deniedIP: String? = nil, endpoint: Endpoint? = nil) -> ProbeResult {
    let ep = endpoint ?? Endpoint(host: "contoso.azurecr.io", role: .loginServer)
    let body = deniedIP.map {
      RegistryErrorBody(
        code: "DENIED",
        message:
          "client with IP '\($0)' is not allowed access. Refer https://aka.ms/acr/firewall to grant access.",
        deniedClientIP: $0)
    }
    let facts = HTTPFacts(
      endpoint: ep, path: .direct, requestPath: "/v2/", outcome: .response, statusCode: status,
      reasonPhrase: status == 403 ? "Forbidden" : "Unauthorized", challenge: nil, errorBody: body,
      bodySnippet: nil,
      phases: [])
    return ProbeResult(
      id: .http(ep), target: ep.host, status: status == 401 ? .pass : .fail, durationMs: 5,
      summary: "", facts: .http(facts))
  }

  func findings(_ probes: [ProbeResult], symptoms: [SymptomID] = []) -> [FindingDraft] {
    let input = DiagnosisInput(
      registry: contoso, symptoms: symptoms, probes: probes,
      proxyEnvironment: ProxyEnvironment(environment: [:]))
    // The findings that read Azure's side of the registry, in the catalog's order.
    return Findings.all.filter { $0.reads.contains(.azure) }.flatMap { $0.decide(input) }
  }

  func ids(_ drafts: [FindingDraft]) -> [FindingID] { drafts.map(\.id) }

  // MARK: Negative cases

  func testPublicRegistryWithoutSymptomsSaysNothing() {
    XCTAssertEqual(findings([azure(registryFacts()), dns("20.43.1.2"), http(status: 401)]), [])
  }

  func testPublicRegistryNeverGetsAServiceIntegrationFinding() {
    for symptom in [SymptomID.s4, .s9, .s10] {
      XCTAssertEqual(
        ids(findings([azure(registryFacts()), dns("20.43.1.2")], symptoms: [symptom])), [],
        "\(symptom)")
    }
  }

  func testGeoReplicatedDataEndpointsAreLeftToThePlanner() {
    var facts = registryFacts(regions: ["japaneast", "westeurope"])
    facts.dataEndpointEnabled = true
    facts.dataEndpoints = [
      "contoso.japaneast.data.azurecr.io", "contoso.westeurope.data.azurecr.io",
    ]
    XCTAssertEqual(
      findings([azure(facts), dns("20.43.1.2"), http(status: 401)], symptoms: [.s1]), [])
  }

  func testConfigurationRulesNeedACompleteAzAnswer() {
    var facts = registryFacts(
      publicNetworkAccess: "Disabled", defaultAction: "Deny", bypass: "None")
    facts.state = .failed
    XCTAssertEqual(ids(findings([azure(facts), dns("20.43.1.2")], symptoms: [.s10])), [])
  }

  // MARK: public-network-access-disabled

  func testPublicAccessDisabledAndLoginServerResolvesPublic() throws {
    let drafts = findings([
      azure(
        registryFacts(publicNetworkAccess: "Disabled", defaultAction: "Deny", privateEndpoints: 1)),
      dns("20.43.1.2"),
    ])
    XCTAssertEqual(ids(drafts), [.publicNetworkAccessDisabled])
    let f = try XCTUnwrap(drafts.first)
    XCTAssertEqual(
      f.evidence,
      [
        "azure: publicNetworkAccess=Disabled", "azure: privateEndpointConnections=1",
        "dns.login-server: contoso.azurecr.io -> 20.43.1.2 (public)",
      ])
    XCTAssertEqual(f.probeIDs, ["azure.registry", "dns.login-server"])
    XCTAssertEqual(
      f.vars, ["registry": "contoso", "loginServer": "contoso.azurecr.io", "region": "japaneast"])
    XCTAssertEqual(f.rank, 10)
  }

  func testPublicAccessDisabledOnAPrivatePathIsNotAFinding() {
    XCTAssertEqual(
      findings([
        azure(registryFacts(publicNetworkAccess: "Disabled", privateEndpoints: 1)), dns("10.1.0.5"),
      ]), [])
  }

  func testPublicAccessDisabledWith403WinsOverTheFirewallFinding() throws {
    let drafts = findings([
      azure(registryFacts(publicNetworkAccess: "Disabled", defaultAction: "Deny")), dns("10.1.0.5"),
      http(status: 403, deniedIP: "203.0.113.7"),
    ])
    XCTAssertEqual(ids(drafts), [.publicNetworkAccessDisabled])
    XCTAssertEqual(drafts.first?.vars["clientIP"], "203.0.113.7")
    XCTAssertEqual(
      drafts.first?.evidence.last,
      "http.login-server: 403 DENIED client with IP '203.0.113.7' is not allowed access. Refer https://aka.ms/acr/firewall to grant access."
    )
  }

  // MARK: registry-firewall-denies-client-ip

  func testFirewallDeniesAClientIPOutsideTheRules() throws {
    let drafts = findings([
      azure(registryFacts(defaultAction: "Deny", ipRules: ["198.51.100.0/24"])), dns("20.43.1.2"),
      http(status: 403, deniedIP: "203.0.113.7"),
    ])
    XCTAssertEqual(ids(drafts), [.registryFirewallDeniesClientIP])
    let f = try XCTUnwrap(drafts.first)
    XCTAssertEqual(
      f.evidence,
      [
        "http.login-server: 403 DENIED client IP 203.0.113.7 not in ipRules [198.51.100.0/24]",
        "azure: networkRuleSet.defaultAction=Deny",
      ])
    XCTAssertEqual(f.probeIDs, ["http.login-server", "azure.registry"])
    XCTAssertEqual(f.vars["clientIP"], "203.0.113.7")
    XCTAssertEqual(f.vars["registry"], "contoso")
    XCTAssertEqual(f.rank, 10)
  }

  func testAClientIPTheRulesAllowIsNotBlamedOnTheFirewall() {
    let probes = [
      azure(registryFacts(defaultAction: "Deny", ipRules: ["198.51.100.0/24", "192.0.2.10"])),
      http(status: 403, deniedIP: "198.51.100.20"),
    ]
    XCTAssertEqual(findings(probes), [])
    let exact = [
      azure(registryFacts(defaultAction: "Deny", ipRules: ["192.0.2.10"])),
      http(status: 403, deniedIP: "192.0.2.10"),
    ]
    XCTAssertEqual(findings(exact), [])
  }

  func testWithoutAzThe403BodyAloneIsCertain() throws {
    let drafts = findings([
      azure(AzureFacts(state: .notInstalled)), http(status: 403, deniedIP: "203.0.113.7"),
    ])
    XCTAssertEqual(ids(drafts), [.registryFirewallDeniesClientIP])
    XCTAssertEqual(drafts.first?.rank, 12)
    XCTAssertEqual(drafts.first?.probeIDs, ["http.login-server"])
    XCTAssertEqual(
      drafts.first?.vars,
      ["registry": "contoso", "loginServer": "contoso.azurecr.io", "clientIP": "203.0.113.7"])
  }

  func testA403WithoutAClientIPIsNotAFirewallFinding() {
    XCTAssertEqual(findings([azure(registryFacts(defaultAction: "Deny")), http(status: 403)]), [])
  }

  func testDataEndpointDenialCarriesItsRegion() {
    let ep = Endpoint(
      host: "contoso.westeurope.data.azurecr.io", role: .dataEndpoint,
      label: "data-endpoint.westeurope")
    let drafts = findings([
      azure(registryFacts(defaultAction: "Deny", regions: ["japaneast", "westeurope"])),
      http(status: 401),
      http(status: 403, deniedIP: "203.0.113.7", endpoint: ep),
    ])
    XCTAssertEqual(ids(drafts), [.registryFirewallDeniesClientIP])
    XCTAssertEqual(drafts.first?.vars["region"], "westeurope")
    XCTAssertEqual(
      drafts.first?.evidence.first,
      "http.data-endpoint.westeurope: 403 DENIED client IP 203.0.113.7 not in ipRules []")
  }

  // MARK: resource-provider-not-registered

  func testProviderNotRegisteredRanksHigherWithS6OrS8() throws {
    var facts = AzureFacts(
      state: .failed, error: "registry not found in subscription Network Hub (5d2c)")
    facts.providerRegistrationState = "NotRegistered"
    let with = findings([azure(facts)], symptoms: [.s6])
    XCTAssertEqual(ids(with), [.resourceProviderNotRegistered])
    XCTAssertEqual(with.first?.rank, 15)
    XCTAssertEqual(
      with.first?.evidence,
      [
        "azure: Microsoft.ContainerRegistry registrationState=NotRegistered in the current subscription",
        "azure: registry not found in subscription Network Hub (5d2c)",
        "symptom S6: virtual network settings cannot be saved",
      ])
    XCTAssertEqual(findings([azure(facts)]).first?.rank, 28)
    XCTAssertEqual(
      findings([azure(registryFacts(provider: "Registered"))], symptoms: [.s6, .s8]), [])
  }

  // MARK: trusted-services-not-allowed / service-cannot-reach-restricted-registry

  func testDefenderAgainstARegistryThatRefusesTrustedServices() throws {
    let facts = registryFacts(defaultAction: "Deny", ipRules: ["203.0.113.0/26"], bypass: "None")
    let drafts = findings([azure(facts)], symptoms: [.s10])
    XCTAssertEqual(
      ids(drafts), [.trustedServicesNotAllowed, .serviceCannotReachRestrictedRegistry])
    XCTAssertEqual(
      drafts[0].evidence,
      [
        "azure: networkRuleBypassOptions=None",
        "azure: networkRuleSet.defaultAction=Deny, ipRules [203.0.113.0/26]",
        "symptom S10: Microsoft Defender for Cloud cannot scan images",
      ])
    XCTAssertLessThan(
      drafts[0].rank, drafts[1].rank, "the bypass setting is the more root-cause-like")
    XCTAssertEqual(drafts[1].probeIDs, ["azure.registry"])
  }

  func testS4AloneRanksTrustedServicesLower() {
    let facts = registryFacts(
      publicNetworkAccess: "Disabled", defaultAction: "Deny", bypass: "None", privateEndpoints: 1)
    XCTAssertEqual(
      findings([azure(facts)], symptoms: [.s4]).first { $0.id == .trustedServicesNotAllowed }?.rank,
      24)
  }

  func testTrustedServicesAllowedLeavesOnlyTheServiceFinding() throws {
    let facts = registryFacts(defaultAction: "Deny", ipRules: ["198.51.100.0/24"])
    let drafts = findings([azure(facts)], symptoms: [.s9])
    XCTAssertEqual(ids(drafts), [.serviceCannotReachRestrictedRegistry])
    XCTAssertEqual(drafts.first?.evidence.last, "azure: networkRuleBypassOptions=AzureServices")
  }

  func testRestrictedRegistryWithoutAServiceSymptomHasNoC4Finding() {
    let facts = registryFacts(defaultAction: "Deny", ipRules: ["198.51.100.0/24"], bypass: "None")
    XCTAssertEqual(findings([azure(facts)], symptoms: [.s1, .s2]), [])
  }

  // MARK: CIDR matching

  func testCIDRMatching() {
    let table: [(String, String, Bool)] = [
      ("198.51.100.0/24", "198.51.100.0", true), ("198.51.100.0/24", "198.51.100.255", true),
      ("198.51.100.0/24", "198.51.101.0", false), ("203.0.113.0/26", "203.0.113.63", true),
      ("203.0.113.0/26", "203.0.113.64", false), ("192.0.2.10", "192.0.2.10", true),
      ("192.0.2.10", "192.0.2.11", false),
      ("0.0.0.0/0", "203.0.113.7", true), ("192.0.2.10/32", "::ffff:192.0.2.10", true),
      ("2001:db8::/32", "2001:db8:1::7", true), ("2001:db8::/32", "2001:db9::1", false),
      ("2001:db8::/32", "192.0.2.1", false), ("198.51.100.0/24", "not-an-ip", false),
    ]
    for (cidr, ip, expected) in table {
      XCTAssertEqual(CIDRRange(cidr)?.contains(ip), expected, "\(cidr) contains \(ip)")
    }
    for bad in [
      "300.1.1.1/24", "1.2.3.4/33", "1.2.3.4/", "1.2.3.4/+8", "1.2.3.4/8/8", "abc", "",
      "2001:db8::/129",
    ] {
      XCTAssertNil(CIDRRange(bad), bad)
    }
  }
}
