/// The direct path: TCP to each address, TLS, the registry's HTTP answer.
let pathRules: [DiagnosisRule] = [directConnectFails, tlsProblems, httpProblems]

/// Nothing connects on the path the client takes directly.
let directConnectFails: DiagnosisRule = { input in
  let login = input.loginServer
  return input.endpoints.compactMap { e in
    let v = input.view(e)
    guard !v.goUsesProxy, v.directBlocked else { return nil }
    let outcomes = v.tcp.map(\.1.outcome)
    let evidence = v.tcp.map { "\($0.0.id): \($0.0.summary)" }
    var vars = ["host": e.host, "address": v.tcp[0].1.address.ip]
    let id: FindingID
    let rank: Int
    if e.role == .dataEndpoint {
      id = .dataEndpointUnreachable
      vars["dataEndpoint"] = e.host
      if let r = v.region { vars["region"] = r }
      rank = login?.anyConnected == true || login?.proxyWorks == true ? 25 : 27
    } else if v.viaPrivateLink || (input.registry.isACR && v.allPrivate) {
      id = .privateEndpointUnreachable
      rank = 20
    } else if outcomes.allSatisfy({ $0 == .refused }) {
      id = .tcpConnectRefused
      rank = 20
    } else {
      id = .tcpConnectTimeout
      rank = 20
    }
    return FindingDraft(id: id, evidence: evidence, probeIDs: v.ids, vars: vars, rank: rank)
  }
}

/// Organisations whose CAs sign Azure Container Registry's certificates.
let acrIssuerOrganizations = ["microsoft", "digicert"]
/// Words in an issuer that name a TLS-inspecting proxy product.
let inspectionVendors = [
  "zscaler", "palo alto", "fortinet", "fortigate", "netskope", "blue coat", "bluecoat", "symantec web",
  "cisco umbrella",
  "sophos", "check point", "checkpoint", "forcepoint", "websense", "mcafee web", "skyhigh", "squid", "mitmproxy",
  "inspection", "ssl decrypt", "interception",
]

/// True when the chain was not issued by the registry's public CA: someone in the path re-signs TLS.
func looksIntercepted(_ chain: [CertificateSummary], registry: RegistryTarget) -> Bool {
  guard let leaf = chain.first else { return false }
  let issuers = chain.map { "\($0.issuer) \($0.issuerOrganization ?? "")".lowercased() }
  if issuers.contains(where: { i in inspectionVendors.contains { i.contains($0) } }) { return true }
  if registry.isACR {
    let org = "\(leaf.issuerOrganization ?? "") \(leaf.issuer)".lowercased()
    return !acrIssuerOrganizations.contains { org.contains($0) }
  }
  return false
}

/// TLS on the client's path: a failed handshake (error) and an inspecting proxy's certificate (warning).
let tlsProblems: DiagnosisRule = { input in
  input.endpoints.flatMap { e -> [FindingDraft] in
    let v = input.view(e)
    guard let (p, tls) = v.clientTLS else { return [] }
    var out: [FindingDraft] = []
    let vars = ["host": e.host]
    let issuer = tls.chain.first.map { "issuer \($0.issuer)" } ?? "no certificate"
    if tls.outcome != .verified {
      out.append(
        FindingDraft(
          id: .tlsHandshakeFailed,
          evidence: ["\(p.id): \(p.summary)", "\(p.id): \(issuer)"] + (tls.reason.map { ["reason: \($0)"] } ?? []),
          probeIDs: [p.id], vars: vars, rank: 30))
    }
    if looksIntercepted(tls.chain, registry: input.registry) {
      out.append(
        FindingDraft(
          id: .tlsInterception,
          evidence: [
            "\(p.id): \(issuer) (\(tls.path.text))",
            "expected a public CA of the registry (e.g. Microsoft / DigiCert for ACR)",
          ],
          probeIDs: [p.id], vars: vars, rank: 28))
    }
    return out
  }
}

/// The registry's own HTTP answer on the client's path.
let httpProblems: DiagnosisRule = { input in
  input.endpoints.compactMap { e in
    let v = input.view(e)
    guard let (p, h) = v.clientHTTP else { return nil }
    var vars = ["host": e.host]
    if let r = v.region { vars["region"] = r }
    // A 403 naming the client IP is the registry's firewall: AzureRules decides it, with az's rules when it can.
    let notResponding = h.outcome != .response || (h.statusCode ?? 0) >= 500
    guard notResponding else { return nil }
    let timing = h.phases.isEmpty ? "" : " (\(formatPhases(h.phases)))"
    return FindingDraft(
      id: .registryNotResponding, evidence: ["\(p.id): \(p.summary)\(timing)"], probeIDs: [p.id], vars: vars, rank: 35)
  }
}
