import DoctorCore

/// Layers of an ACR image come from its home region's data endpoint (`<name>.<region>.data.azurecr.io`) when
/// dedicated data endpoints are on; without `--region`, a blocked data endpoint would go unnoticed. The login
/// server's CNAME chain names the region (`….<region>.cloudapp.azure.com`, what `az aks check-acr` reads), so
/// the data endpoint of that region is probed like one the user named, when its name resolves. When it does not,
/// the registry has no dedicated data endpoints and layers come from a storage account: nothing to probe.
extension ProbePlan {
  /// `japaneast` of a chain ending in `jpe-acr-reg.japaneast.cloudapp.azure.com`.
  static func homeRegion(of facts: DNSFacts) -> String? {
    for record in facts.wire?.cnames.reversed() ?? [] {
      let labels = record.target.lowercased().split(separator: ".").map(String.init)
      guard labels.count >= 5, labels.suffix(3) == ["cloudapp", "azure", "com"] else { continue }
      let region = labels[labels.count - 4]
      if !region.isEmpty, region.allSatisfy({ $0.isLetter || $0.isNumber }) { return region }
    }
    return nil
  }

  /// The DNS probe of the home region's data endpoint, when this is an ACR login server whose chain names a
  /// region the request does not already probe, and the data endpoint's name resolves.
  func homeRegionDataEndpointTasks(_ e: Endpoint, _ facts: DNSFacts, context: ProbeContext) -> [ProbeTask] {
    guard e.role == .loginServer, request.registry.isACR, let name = request.registry.acrName,
      let region = Self.homeRegion(of: facts)
    else { return [] }
    let suffix = e.host.lowercased().split(separator: ".").dropFirst().joined(separator: ".")
    let host = "\(name).\(region).data.\(suffix)"
    guard !request.endpoints.contains(where: { $0.host.lowercased() == host }),
      SystemResolver.lookup(host, context: context).outcome == .resolved, probedHosts.claim(host)
    else { return [] }
    return [dnsTask(Endpoint(host: host, role: .dataEndpoint, label: request.dataEndpointLabel(host)))]
  }
}
