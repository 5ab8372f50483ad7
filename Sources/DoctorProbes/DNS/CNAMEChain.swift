import DoctorCore

/// The answer section read the way a stub resolver reads it: from the asked name through its CNAMEs, in order,
/// to the address records of the last name in the chain.
struct CNAMEChain: Equatable {
  /// RFC 1034 allows chains, but resolvers stop somewhere; 16 is BIND's limit.
  static let maxLinks = 16

  var cnames: [CNAMERecord] = []
  var addresses: [AddressRecord] = []
  /// Set when the chain loops or is longer than `maxLinks`; its addresses are then not trusted.
  var problem: String?

  /// Follows `records` from `name`, keeping the address records of `type` at the end of the chain.
  init(from name: String, records: [DNSResourceRecord], type: DNSRecordType) {
    var current = name.hasSuffix(".") ? String(name.dropLast()) : name
    var visited: Set<String> = [current.lowercased()]
    while let link = records.firstCNAME(owner: current) {
      guard cnames.count < Self.maxLinks else {
        problem = "CNAME chain longer than \(Self.maxLinks) links"
        return
      }
      cnames.append(CNAMERecord(name: link.owner, target: link.target, ttl: link.ttl))
      guard visited.insert(link.target.lowercased()).inserted else {
        problem = "CNAME loop at \(link.target)"
        return
      }
      current = link.target
    }
    for record in records where sameDNSName(record.name, current) {
      switch (record.data, type) {
      case (.a(let ip), .a), (.aaaa(let ip), .aaaa):
        addresses.append(AddressRecord(name: record.name, address: ResolvedAddress(ip: ip), ttl: record.ttl))
      default:
        continue
      }
    }
  }
}

extension Array where Element == DNSResourceRecord {
  fileprivate func firstCNAME(owner: String) -> (owner: String, target: String, ttl: UInt32)? {
    for record in self where sameDNSName(record.name, owner) {
      if case .cname(let target) = record.data { return (record.name, target, record.ttl) }
    }
    return nil
  }
}
