/// A dnsmasq configuration that answers only from the scenario's records: A records via host-record, CNAME chains
/// via cname (e.g. contoso.azurecr.io -> contoso.privatelink.azurecr.io), NXDOMAIN for every other name, no
/// upstream servers, no /etc/hosts (the namespace's hosts file must shape only the client, not DNS).
struct DnsmasqConfig {
  let listenAddress: String
  let records: [DNSRecord]
  /// A hosts-format file dnsmasq re-reads on SIGHUP: records a test adds while regdoctor watches.
  var addedHostsFile: String?

  var text: String {
    var lines = [
      "no-resolv",
      "no-hosts",
      "no-poll",
      "bind-interfaces",
      "listen-address=\(listenAddress)",
      "port=53",
      "user=root",
      // All names are local: anything without a record is NXDOMAIN rather than REFUSED.
      "local=/#/",
      "log-queries",
    ]
    // host-record takes every address of a name in one line.
    var addresses: [(name: String, values: [String])] = []
    for case .a(let name, let values) in records {
      if let index = addresses.firstIndex(where: { $0.name == name }) {
        addresses[index].values += values
      } else {
        addresses.append((name, values))
      }
    }
    lines += addresses.map { "host-record=\($0.name),\($0.values.joined(separator: ","))" }
    for case .cname(let alias, let target) in records { lines.append("cname=\(alias),\(target)") }
    if let addedHostsFile { lines.append("addn-hosts=\(addedHostsFile)") }
    return lines.joined(separator: "\n") + "\n"
  }
}
