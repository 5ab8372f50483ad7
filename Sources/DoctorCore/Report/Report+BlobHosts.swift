/// A host layers come from, and how regdoctor learnt it: `option` (--region, --data-endpoint), `az` (az acr
/// show-endpoints), `redirect` (the blob request of --image), `dns` (the home region's data endpoint, from the login
/// server's CNAME chain). The JSON `registry.blobHosts` and the wizard's pull branch show the same list.
public struct LearntBlobHost: Sendable, Equatable {
  public var host: String
  public var learntFrom: BlobHostSource
  /// The endpoint its probes measured; nil for a redirect host that was not probed (plain http, or a host already
  /// probed under another role).
  public var endpoint: Endpoint?
}

extension Report {
  /// Every host layers come from, as discovered, probed ones first.
  public var learntBlobHosts: [LearntBlobHost] {
    var redirected: Set<String> = []
    var fromAzure: Set<String> = []
    var probed: [Endpoint] = []
    for p in probes {
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
    let options = Set(registry.dataEndpoints.map { $0.lowercased() })
    var entries: [LearntBlobHost] = []
    var listed: Set<String> = []
    func add(_ host: String, _ source: BlobHostSource, _ endpoint: Endpoint?) {
      guard listed.insert(host.lowercased()).inserted else { return }
      entries.append(LearntBlobHost(host: host, learntFrom: source, endpoint: endpoint))
    }
    for e in probed {
      let host = e.host.lowercased()
      let source: BlobHostSource =
        options.contains(host) ? .option : redirected.contains(host) ? .redirect : fromAzure.contains(host) ? .az : .dns
      add(e.host, source, e)
    }
    // A redirect host that was not probed (plain http, or already an endpoint under another role) is still listed.
    for host in redirected.sorted() { add(host, .redirect, nil) }
    return entries
  }
}
