// Findings that need the registry's Azure side: its network rules, private endpoints, trusted-service bypass,
// and the Microsoft.ContainerRegistry resource provider (causes C2, C3 and C4 of the article).
// Each rule speaks only when the facts make it sure; data endpoints are left to the planner, which probes them.

import Foundation

/// The rules that read `AzureFacts` (from `az`), together with the HTTP and DNS facts they corroborate.
public let azureRules: [DiagnosisRule] = [
  AzureRules.publicNetworkAccessDisabled,
  AzureRules.registryFirewallDeniesClientIP,
  AzureRules.resourceProviderNotRegistered,
  AzureRules.trustedServicesNotAllowed,
  AzureRules.serviceCannotReachRestrictedRegistry,
]

enum AzureRules {
  /// Public access is off, yet this client went to the public endpoint (public DNS answer, or a 403 from it).
  @Sendable static func publicNetworkAccessDisabled(_ input: DiagnosisInput) -> [FindingDraft] {
    let view = AzureView(input)
    guard let (azureProbe, facts) = view.azureOK, isDisabled(facts.publicNetworkAccess) else {
      return []
    }
    let publicDNS = view.loginServerDNS.flatMap { probe, dns in
      allPublic(dns.system) ? (probe, dns) : nil
    }
    guard publicDNS != nil || view.denial?.onLoginServer == true else { return [] }

    var evidence = ["\(source(facts)): publicNetworkAccess=Disabled"]
    var probeIDs = [azureProbe.id]
    if facts.privateEndpointConnections > 0 {
      evidence.append("\(source(facts)): privateEndpointConnections=\(facts.privateEndpointConnections)")
    }
    if let (probe, dns) = publicDNS {
      let addresses = dns.system.addresses.map(\.ip).joined(separator: ", ")
      evidence.append("\(probe.id): \(dns.endpoint.host) -> \(addresses) (public)")
      probeIDs.append(probe.id)
    }
    if let denial = view.denial, denial.onLoginServer {
      evidence.append(denial.line())
      probeIDs.append(denial.probe.id)
    }
    return [
      FindingDraft(
        id: .publicNetworkAccessDisabled, evidence: evidence, probeIDs: probeIDs, vars: view.vars,
        rank: 10)
    ]
  }

  /// The registry said 403 and named the client IP; when `az` shows the rules, that IP is in none of them.
  @Sendable static func registryFirewallDeniesClientIP(_ input: DiagnosisInput) -> [FindingDraft] {
    let view = AzureView(input)
    guard let denial = view.denial, let clientIP = denial.clientIP else { return [] }
    guard let (azureProbe, facts) = view.azureOK else {
      // Without az the registry's own words are still certain: ACR writes this body only for its firewall.
      return [
        FindingDraft(
          id: .registryFirewallDeniesClientIP,
          evidence: [denial.line(), "client IP seen by the registry: \(clientIP)"],
          probeIDs: [denial.probe.id], vars: view.vars,
          rank: 12)
      ]
    }
    // Public access off is the cause then; an IP rule would not help.
    if isDisabled(facts.publicNetworkAccess) { return [] }
    // The user's answers name no IP rules: the registry's own words decide, the answer only adds context.
    if facts.state == .answeredByUser {
      let answer = facts.defaultAction.map { ["answer: networkRuleSet.defaultAction=\($0)"] } ?? []
      return [
        FindingDraft(
          id: .registryFirewallDeniesClientIP, evidence: [denial.line()] + answer,
          probeIDs: [denial.probe.id, azureProbe.id], vars: view.vars,
          rank: facts.defaultAction == "Deny" ? 10 : 12)
      ]
    }
    // An IP the rules already allow is not what the firewall refuses (a rule just added, or another cause).
    if facts.ipRules.contains(where: { CIDRRange($0)?.contains(clientIP) == true }) { return [] }
    let rules = "[\(facts.ipRules.joined(separator: ", "))]"
    var evidence = [
      "\(denial.probe.id): \(denial.statusAndCode) client IP \(clientIP) not in ipRules \(rules)"
    ]
    evidence.append("azure: networkRuleSet.defaultAction=\(facts.defaultAction ?? "unset")")
    return [
      FindingDraft(
        id: .registryFirewallDeniesClientIP, evidence: evidence,
        probeIDs: [denial.probe.id, azureProbe.id],
        vars: view.vars, rank: facts.defaultAction == "Deny" ? 10 : 12)
    ]
  }

  /// Microsoft.ContainerRegistry is not registered in the subscription az points at (a VNet's, often).
  @Sendable static func resourceProviderNotRegistered(_ input: DiagnosisInput) -> [FindingDraft] {
    let view = AzureView(input)
    guard let (azureProbe, facts) = input.azure, let state = facts.providerRegistrationState,
      state.lowercased() != "registered"
    else { return [] }
    let subscription =
      facts.state == .answeredByUser ? "the virtual network's subscription" : "the current subscription"
    var evidence = [
      "\(source(facts)): Microsoft.ContainerRegistry registrationState=\(state) in \(subscription)"
    ]
    if facts.state == .failed, let error = facts.error { evidence.append("azure: \(error)") }
    let relevant = view.symptoms(among: [.s6, .s8])
    evidence += relevant.map(symptomLine)
    return [
      FindingDraft(
        id: .resourceProviderNotRegistered, evidence: evidence, probeIDs: [azureProbe.id],
        vars: view.vars,
        rank: relevant.isEmpty ? 28 : 15)
    ]
  }

  /// A network-restricted registry that refuses even trusted Azure services, and a symptom from one of them.
  @Sendable static func trustedServicesNotAllowed(_ input: DiagnosisInput) -> [FindingDraft] {
    let view = AzureView(input)
    guard let (azureProbe, facts) = view.azureOK, facts.isNetworkRestricted,
      facts.networkRuleBypassOptions?.lowercased() == "none"
    else { return [] }
    let symptoms = view.symptoms(among: [.s9, .s10, .s4])
    guard !symptoms.isEmpty else { return [] }
    let evidence =
      ["\(source(facts)): networkRuleBypassOptions=None"] + restrictionLines(facts) + symptoms.map(symptomLine)
    // S4 alone may be AKS, which trusted access does not concern; Tasks (S9) and Defender (S10) are trusted services.
    let rank = symptoms == [.s4] ? 24 : 20
    return [
      FindingDraft(
        id: .trustedServicesNotAllowed, evidence: evidence, probeIDs: [azureProbe.id],
        vars: view.vars, rank: rank)
    ]
  }

  /// The symptom involves a service (Defender, App Service, ACI, Tasks) that cannot use a restricted registry.
  @Sendable static func serviceCannotReachRestrictedRegistry(_ input: DiagnosisInput)
    -> [FindingDraft]
  {
    let view = AzureView(input)
    let symptoms = view.symptoms(among: [.s10, .s4, .s9])
    guard !symptoms.isEmpty else { return [] }
    guard let (azureProbe, facts) = view.azureOK else { return restrictedAsSeenFromHere(view, symptoms) }
    guard facts.isNetworkRestricted else { return [] }
    var evidence = restrictionLines(facts) + symptoms.map(symptomLine)
    if let bypass = facts.networkRuleBypassOptions {
      evidence.append("\(source(facts)): networkRuleBypassOptions=\(bypass)")
    }
    return [
      FindingDraft(
        id: .serviceCannotReachRestrictedRegistry, evidence: evidence, probeIDs: [azureProbe.id],
        vars: view.vars,
        rank: 25)
    ]
  }

  /// Without az, the wire still shows a restricted registry: a Private Link name, or the registry's own 403.
  static func restrictedAsSeenFromHere(_ view: AzureView, _ symptoms: [SymptomID]) -> [FindingDraft] {
    var evidence: [String] = []
    var probeIDs: [String] = []
    if let (p, dns) = view.loginServerDNS, dns.viaPrivateLink {
      evidence.append(
        "\(p.id): the login server has a private endpoint (\(dns.wire?.chainText ?? "privatelink CNAME"))")
      probeIDs.append(p.id)
    }
    if let denial = view.denial {
      evidence.append("\(denial.probe.id): the registry refuses clients by IP (403)")
      probeIDs.append(denial.probe.id)
    }
    guard !evidence.isEmpty else { return [] }
    evidence += symptoms.map(symptomLine)
    return [
      FindingDraft(
        id: .serviceCannotReachRestrictedRegistry, evidence: evidence, probeIDs: probeIDs, vars: view.vars, rank: 26)
    ]
  }

  // MARK: Helpers

  static func isDisabled(_ publicNetworkAccess: String?) -> Bool {
    publicNetworkAccess?.lowercased() == "disabled"
  }

  /// Resolved, and every address public: the client is headed for the registry's public endpoint.
  static func allPublic(_ lookup: SystemLookup) -> Bool {
    lookup.outcome == .resolved && !lookup.addresses.isEmpty
      && lookup.addresses.allSatisfy { $0.addressClass == .public }
  }

  /// What makes the registry network-restricted, one evidence line each.
  static func restrictionLines(_ facts: AzureFacts) -> [String] {
    let src = source(facts)
    var lines: [String] = []
    if isDisabled(facts.publicNetworkAccess) { lines.append("\(src): publicNetworkAccess=Disabled") }
    if facts.defaultAction == "Deny" {
      // The user's answer says nothing about which IPs are allowed: do not print an empty list as if it were known.
      let rules = facts.state == .answeredByUser ? "" : ", ipRules [\(facts.ipRules.joined(separator: ", "))]"
      lines.append("\(src): networkRuleSet.defaultAction=Deny\(rules)")
    }
    if facts.privateEndpointConnections > 0 {
      lines.append("\(src): privateEndpointConnections=\(facts.privateEndpointConnections)")
    }
    return lines
  }

  /// Where a configuration fact came from: the Azure CLI (`azure`) or the user's answer in the wizard (`answer`).
  static func source(_ facts: AzureFacts) -> String {
    facts.state == .answeredByUser ? "answer" : "azure"
  }

  static func symptomLine(_ symptom: SymptomID) -> String {
    let what: String
    switch symptom {
    case .s4: what = "images cannot be pulled into AKS or another Azure service"
    case .s6: what = "virtual network settings cannot be saved"
    case .s8: what = "virtual network or public access rules cannot be changed"
    case .s9: what = "ACR Tasks cannot push or pull"
    case .s10: what = "Microsoft Defender for Cloud cannot scan images"
    default: what = "reported"
    }
    return "symptom \(symptom.rawValue): \(what)"
  }
}

/// The facts the Azure rules look at, picked out of a DiagnosisInput once.
struct AzureView {
  let input: DiagnosisInput
  init(_ input: DiagnosisInput) { self.input = input }

  /// The az facts, only when az answered fully or the user answered in its place (rules must not guess).
  var azureOK: (ProbeResult, AzureFacts)? {
    guard let azure = input.azure, azure.1.state == .ok || azure.1.state == .answeredByUser else { return nil }
    return azure
  }

  var loginServer: String { input.azure?.1.loginServer ?? input.registry.loginServer }

  var loginServerDNS: (ProbeResult, DNSFacts)? {
    input.dns.first { $0.1.endpoint.role == .loginServer }
  }

  /// The first 403 from the registry itself (login server first, then data endpoints).
  var denial: Denial? {
    let forbidden = input.http.filter { _, http in
      http.statusCode == 403
        && (http.endpoint.role == .loginServer || http.endpoint.role == .dataEndpoint)
    }
    let pick = forbidden.first { $0.1.endpoint.role == .loginServer } ?? forbidden.first
    return pick.map { Denial(probe: $0.0, http: $0.1) }
  }

  func symptoms(among wanted: [SymptomID]) -> [SymptomID] {
    wanted.filter { input.symptoms.contains($0) }
  }

  /// Values for the remedy templates: registry, loginServer, clientIP, region (where known).
  var vars: [String: String] {
    var v: [String: String] = ["loginServer": loginServer]
    if let name = input.registry.acrName { v["registry"] = name }
    if let denial {
      if let ip = denial.clientIP { v["clientIP"] = ip }
      if denial.http.endpoint.role == .dataEndpoint {
        let label = denial.http.endpoint.label
        if label.hasPrefix("data-endpoint.") {
          v["region"] = String(label.dropFirst("data-endpoint.".count))
        }
      }
    }
    if v["region"] == nil, let regions = input.azure?.1.replicationRegions, regions.count == 1 {
      v["region"] = regions[0]
    }
    return v
  }
}

/// A 403 from the registry, and the client IP its body named.
struct Denial {
  let probe: ProbeResult
  let http: HTTPFacts
  var onLoginServer: Bool { http.endpoint.role == .loginServer }
  var clientIP: String? { http.errorBody?.deniedClientIP }
  /// `403 DENIED`.
  var statusAndCode: String {
    ["403", http.errorBody?.code].compactMap { $0 }.joined(separator: " ")
  }

  /// `http.login-server: 403 DENIED client with IP '203.0.113.7' is not allowed access`.
  func line() -> String {
    if let message = http.errorBody?.message, !message.isEmpty {
      return "\(probe.id): \(statusAndCode) \(message)"
    }
    if let ip = clientIP { return "\(probe.id): \(statusAndCode) client IP \(ip)" }
    return "\(probe.id): \(statusAndCode)"
  }
}

/// An IPv4 or IPv6 network in CIDR notation (`198.51.100.0/24`); a bare address is a /32 or /128.
/// What ACR's `ipRules` hold, matched against the client IP a 403 names.
public struct CIDRRange: Sendable, Equatable {
  public let network: [UInt8]
  public let prefixLength: Int

  public init?(_ text: String) {
    let parts = text.trimmingCharacters(in: .whitespaces).split(
      separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 1 || parts.count == 2,
      let bytes = parseIPv4(String(parts[0])) ?? parseIPv6(String(parts[0]))
    else { return nil }
    var length = bytes.count * 8
    if parts.count == 2 {
      guard !parts[1].isEmpty, parts[1].allSatisfy(\.isASCII), parts[1].allSatisfy(\.isNumber),
        let l = Int(parts[1]), l <= length
      else { return nil }
      length = l
    }
    network = bytes
    prefixLength = length
  }

  public func contains(_ ip: String) -> Bool {
    guard var address = parseIPv4(ip) ?? parseIPv6(ip) else { return false }
    // An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is matched as the IPv4 address it carries.
    if address.count == 16, network.count == 4, address[0..<10].allSatisfy({ $0 == 0 }),
      address[10] == 0xff,
      address[11] == 0xff
    {
      address = Array(address[12..<16])
    }
    guard address.count == network.count else { return false }
    let fullBytes = prefixLength / 8
    let remainingBits = prefixLength % 8
    if address[0..<fullBytes] != network[0..<fullBytes] { return false }
    guard remainingBits > 0 else { return true }
    let mask = UInt8(0xff) << (8 - remainingBits)
    return address[fullBytes] & mask == network[fullBytes] & mask
  }
}
