import Dispatch
import DoctorCore

/// Both views of one endpoint's name, asked at the same time so the slower one sets the pace, not their sum.
/// `wire` is nil when there is no nameserver to ask or the host is already an IP address.
public func makeDNSFacts(
  endpoint: Endpoint, nameservers: [String], hostsEntries: [String], context: ProbeContext
) -> DNSFacts {
  let wireBox = LockedSlots<WireLookup>(count: 1)
  let group = DispatchGroup()
  let askWire = !nameservers.isEmpty && !isIPAddress(endpoint.host)
  if askWire {
    runBlocking("dns.wire", group: group) {
      wireBox.set(0, WireResolver.query(endpoint.host, nameservers: nameservers, context: context))
    }
  }
  let system = SystemResolver.lookup(endpoint.host, context: context)
  // The wire view stops itself at the deadline; the grace only covers storing its result.
  _ = group.wait(timeout: context.deadline + .milliseconds(100))
  var wire = wireBox.get(0)
  if askWire && wire == nil {
    wire = WireLookup(outcome: .timeout, answeredBy: nil, cnames: [], addresses: [], attempts: [], ms: 0)
  }
  return DNSFacts(endpoint: endpoint, system: system, wire: wire, hostsEntries: hostsEntries)
}
