import DoctorCore
import FoundationEssentials

/// Looks for registry names pinned in /etc/hosts: the override that makes the system view differ from DNS.
public enum HostsFileCheck {
  /// `pinned` holds each of `hosts` (as given) that the file names, with its addresses in file order.
  public static func run(path: String = "/etc/hosts", hosts: [String]) -> HostsFileFacts {
    let file = HostsFile.parse(DNSConfigFile.read(path) ?? "")
    var pinned: [String: [String]] = [:]
    for host in hosts {
      let addresses = file.addresses(for: host)
      if !addresses.isEmpty { pinned[host] = addresses }
    }
    return HostsFileFacts(path: path, pinned: pinned)
  }
}
