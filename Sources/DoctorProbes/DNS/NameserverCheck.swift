import DoctorCore
import FoundationEssentials

/// Asks every nameserver of resolv.conf for the registry name, to tell the ones that answer from the silent ones.
public enum NameserverCheck {
  /// glibc's fallback when resolv.conf names no nameserver (resolv/res_init.c).
  public static let glibcDefaultNameserver = "127.0.0.1"

  public static func run(
    resolvConfPath: String = "/etc/resolv.conf", host: String, context: ProbeContext,
    attemptTimeout: Double = WireResolver.defaultAttemptTimeout
  ) -> NameserverFacts {
    let config = readNameservers(fromResolvConf: resolvConfPath)
    let defaulted = config.nameservers.isEmpty
    let nameservers = defaulted ? [glibcDefaultNameserver] : config.nameservers
    let answers = WireResolver.askAll(host, nameservers: nameservers, attemptTimeout: attemptTimeout, context: context)
    return NameserverFacts(
      resolvConf: resolvConfPath, nameservers: nameservers, search: config.search, attempts: answers.map(\.attempt),
      defaultedToLoopback: defaulted)
  }
}

/// Stand-in for `ResolvConf.parse` (written elsewhere): `nameserver` lines, and the last `search`/`domain` line.
private func readNameservers(fromResolvConf path: String) -> (nameservers: [String], search: [String]) {
  var nameservers: [String] = []
  var search: [String] = []
  for line in (DNSConfigFile.read(path) ?? "").split(whereSeparator: \.isNewline) {
    let fields = DNSConfigFile.fields(line, commentMarkers: ["#", ";"])
    guard let key = fields.first else { continue }
    if key == "nameserver", fields.count >= 2 { nameservers.append(String(fields[1])) }
    if key == "search" || key == "domain" { search = fields.dropFirst().map(String.init) }
  }
  return (nameservers, search)
}
