// What the findings that need the registry's Azure side read: az's facts (or the user's answers in their place),
// the registry's own 403, the login server's DNS answer, and the symptoms that name an Azure service.

/// The facts the Azure rules look at, picked out of a DiagnosisInput once.
struct AzureView {

  static func isDisabled(_ publicNetworkAccess: PublicNetworkAccess?) -> Bool {
    publicNetworkAccess == .disabled
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
    if facts.defaultAction == .deny {
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

  /// The first 403 from the registry itself on the path the client takes (login server first, then data
  /// endpoints): through its proxy the registry sees the proxy's address, not what a direct probe showed it.
  var denial: Denial? {
    let forbidden = input.endpoints.filter { $0.role == .loginServer || $0.role == .dataEndpoint }
      .compactMap { input.view($0).clientHTTP }.filter { $0.1.statusCode == 403 }
    return forbidden.first.map { Denial(probe: $0.0, http: $0.1) }
  }

  func symptoms(among wanted: [SymptomID]) -> [SymptomID] {
    wanted.filter { input.symptoms.contains($0) }
  }

  /// Values for the remedy templates: registry, loginServer, clientIP, region (where known).
  var vars: [TemplateVariable: String] {
    var v: [TemplateVariable: String] = [.loginServer: loginServer]
    if let name = input.registry.acrName { v[.registry] = name }
    if let denial {
      if let ip = denial.clientIP { v[.clientIP] = ip }
      if let region = denial.http.endpoint.region { v[.region] = region }
    }
    if v[.region] == nil, let regions = input.azure?.1.replicationRegions, regions.count == 1 {
      v[.region] = regions[0]
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
