/// Name resolution: nameservers, /etc/hosts, the login server's name, Private Link records, data endpoint records.
let dnsRules: [DiagnosisRule] = [nameserversSilent, hostsFileOverride, nameDoesNotResolve, privateLinkRecords]

/// Every configured nameserver is silent, and the login server did not resolve: nothing else can work.
let nameserversSilent: DiagnosisRule = { input in
  guard let (p, ns) = input.nameservers, !ns.attempts.isEmpty, ns.silent.count == ns.attempts.count else { return [] }
  if let login = input.loginServer, login.resolved { return [] }
  let evidence = ns.attempts.map { "\(p.id): \($0.server) \($0.outcome.rawValue) after \(formatMs($0.ms))" }
  return [FindingDraft(id: .dnsServerUnreachable, evidence: evidence, probeIDs: [p.id], rank: 5)]
}

/// /etc/hosts pins a registry name to an address DNS does not give, and that address fails: nothing connects to it,
/// or (when DNS does have another answer) it is not the registry there.
let hostsFileOverride: DiagnosisRule = { input in
  input.endpoints.compactMap { e in
    let v = input.view(e)
    guard let (p, d) = v.dns, !d.hostsEntries.isEmpty, !v.goUsesProxy else { return nil }
    let dnsAddresses = Set(d.wire?.addresses.map(\.address.ip) ?? [])
    guard Set(d.hostsEntries) != dnsAddresses else { return nil }
    let pinned = v.tcp.filter { d.hostsEntries.contains($0.1.address.ip) }
    let pinnedDead = !pinned.isEmpty && pinned.allSatisfy { $0.1.outcome != .connected }
    let dnsKnowsBetter = !dnsAddresses.isEmpty
    let notTheRegistry =
      v.directTLS.map { $0.1.outcome != .verified } == true || v.directHTTP.map { !v.answered($0.1) } == true
    guard pinnedDead || (dnsKnowsBetter && notTheRegistry) else { return nil }
    var evidence = ["\(p.id): /etc/hosts pins \(e.host) to \(d.hostsEntries.joined(separator: ", "))"]
    evidence.append(
      dnsKnowsBetter
        ? "DNS gives \(dnsAddresses.sorted().joined(separator: ", "))"
        : "DNS itself gives \(d.wire?.outcome.rawValue ?? "no answer")")
    evidence += pinned.filter { $0.1.outcome != .connected }.map { "\($0.0.id): \($0.1.outcome.rawValue)" }
    return FindingDraft(
      id: .hostsFileOverride, evidence: evidence, probeIDs: v.ids,
      vars: ["host": e.host, "address": d.hostsEntries[0]], rank: 4)
  }
}

/// A name that does not resolve at all (no Private Link involved): the login server, the token service, a data endpoint.
let nameDoesNotResolve: DiagnosisRule = { input in
  input.endpoints.compactMap { e in
    let v = input.view(e)
    guard let (p, d) = v.dns, !v.resolved, !v.viaPrivateLink else { return nil }
    // Through a working proxy the client never resolves the name itself.
    if v.goUsesProxy && v.proxyWorks { return nil }
    var evidence = ["\(p.id): \(e.host) \(ProbeDescriber.describeFailure(d.system))"]
    if let w = d.wire { evidence.append("wire: \(w.outcome.rawValue)\(w.answeredBy.map { " from \($0)" } ?? "")") }
    let id: FindingID = e.role == .dataEndpoint ? .dataEndpointDNSFailure : .loginServerDNSFailure
    var vars = ["host": e.host]
    if e.role == .dataEndpoint { vars["dataEndpoint"] = e.host }
    if let r = v.region { vars["region"] = r }
    return FindingDraft(
      id: id, evidence: evidence, probeIDs: [p.id], vars: vars, rank: e.role == .dataEndpoint ? 15 : 10)
  }
}

/// Private Link: the public name CNAMEs to `<name>.privatelink.azurecr.io`; that record must exist in the private zone
/// the client's DNS uses and give a private address. A data endpoint must be private whenever the login server is.
let privateLinkRecords: DiagnosisRule = { input in
  var out: [FindingDraft] = []
  let loginPrivate = input.loginServer?.allPrivate ?? false
  for e in input.endpoints {
    let v = input.view(e)
    guard let (p, d) = v.dns else { continue }
    let chain = d.wire.map { "\(p.id): \($0.chainText)" }
    var vars = ["host": e.host]
    if e.role == .dataEndpoint { vars["dataEndpoint"] = e.host }
    if let r = v.region { vars["region"] = r }
    if v.viaPrivateLink && !v.resolved {
      let evidence = [chain, "\(p.id): the privatelink name has no address (\(d.system.outcome.rawValue))"].compactMap {
        $0
      }
      let id: FindingID = e.role == .dataEndpoint ? .dataEndpointDNSFailure : .privateEndpointDNSMissingRecord
      out.append(FindingDraft(id: id, evidence: evidence, probeIDs: [p.id], vars: vars, rank: 9))
      continue
    }
    if e.role == .dataEndpoint, loginPrivate, v.anyPublic {
      let evidence = [
        "login server resolves to private \(input.loginServer?.addresses.map(\.ip).joined(separator: ", ") ?? "")",
        "\(p.id): \(e.host) resolves to public \(v.addresses.map(\.ip).joined(separator: ", "))",
      ]
      out.append(
        FindingDraft(
          id: .dataEndpointDNSNotPrivate, evidence: evidence + [chain].compactMap { $0 }, probeIDs: [p.id], vars: vars,
          rank: 14))
      continue
    }
    // From the internet a privatelink CNAME ending at the public address is normal; it is the classic private-DNS
    // mistake only when that public path then fails for this client.
    if v.viaPrivateLink, v.anyPublic, e.role == .loginServer, !v.goUsesProxy {
      let publicFails = v.directBlocked || v.directHTTP.map { $0.1.statusCode == 403 || !v.answered($0.1) } == true
      guard publicFails else { continue }
      var evidence = [chain, "\(p.id): ends at public \(v.addresses.map(\.ip).joined(separator: ", "))"].compactMap {
        $0
      }
      if let h = v.directHTTP, h.1.statusCode == 403 { evidence.append("\(h.0.id): 403 on the public endpoint") }
      if v.directBlocked { evidence.append("the public address does not accept connections from here") }
      out.append(
        FindingDraft(id: .privateEndpointDNSPublicIP, evidence: evidence, probeIDs: v.ids, vars: vars, rank: 9))
    }
  }
  return out
}
