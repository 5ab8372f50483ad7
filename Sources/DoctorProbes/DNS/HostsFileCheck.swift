import DoctorCore
import Foundation

/// Looks for registry names pinned in /etc/hosts: the override that makes the system view differ from DNS.
public enum HostsFileCheck {
  /// `pinned` holds each of `hosts` (as given) that the file names, with its addresses in file order.
  public static func run(path: String = "/etc/hosts", hosts: [String]) -> HostsFileFacts {
    let entries = readHostsFile(path)
    var pinned: [String: [String]] = [:]
    for host in hosts {
      let wanted = canonicalHostName(host)
      var addresses: [String] = []
      for entry in entries where entry.names.contains(wanted) && !addresses.contains(entry.ip) {
        addresses.append(entry.ip)
      }
      if !addresses.isEmpty { pinned[host] = addresses }
    }
    return HostsFileFacts(path: path, pinned: pinned)
  }
}

private func canonicalHostName(_ name: String) -> String {
  (name.hasSuffix(".") ? String(name.dropLast()) : name).lowercased()
}

/// hosts(5): an address, then its names; `#` starts a comment. Names compare case-insensitively.
private func readHostsFile(_ path: String) -> [(ip: String, names: Set<String>)] {
  (DNSConfigFile.read(path) ?? "").split(whereSeparator: \.isNewline).compactMap { line in
    let fields = DNSConfigFile.fields(line)
    guard fields.count >= 2, isIPAddress(String(fields[0])) else { return nil }
    return (String(fields[0]), Set(fields.dropFirst().map { canonicalHostName(String($0)) }))
  }
}
