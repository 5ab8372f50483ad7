/// The JSON `registry.blobHosts` (CONTRACT.md): the hosts layers come from, as discovered, each with how it was
/// learnt: `option` (--region, --data-endpoint), `az` (az acr show-endpoints), `redirect` (the blob request of
/// --image), `dns` (the home region's data endpoint, from the login server's CNAME chain).
extension JSONReport {
  static func blobHosts(_ r: Report) -> JSONValue {
    var redirected: Set<String> = []
    var fromAzure: Set<String> = []
    var probed: [Endpoint] = []
    for p in r.probes {
      switch p.facts {
      case .pull(let f):
        if let host = f.blobHost { redirected.insert(host.host.lowercased()) }
      case .azure(let f):
        fromAzure.formUnion(f.dataEndpoints.map { $0.lowercased() })
      case .dns(let f) where f.endpoint.role == .dataEndpoint || f.endpoint.role == .blobHost:
        if !probed.contains(where: { $0.host.lowercased() == f.endpoint.host.lowercased() }) {
          probed.append(f.endpoint)
        }
      default: break
      }
    }
    let options = Set(r.registry.dataEndpoints.map { $0.lowercased() })
    var entries: [JSONValue] = []
    var listed: Set<String> = []
    func add(_ host: String, _ source: BlobHostSource) {
      guard listed.insert(host.lowercased()).inserted else { return }
      entries.append(.object([("host", .string(redactSecrets(host))), ("learntFrom", .string(source.rawValue))]))
    }
    for e in probed {
      let host = e.host.lowercased()
      let source: BlobHostSource =
        options.contains(host) ? .option : redirected.contains(host) ? .redirect : fromAzure.contains(host) ? .az : .dns
      add(e.host, source)
    }
    // A redirect host that was not probed (plain http, or already an endpoint under another role) is still listed.
    for host in redirected.sorted() { add(host, .redirect) }
    return .array(entries)
  }
}
