import FoundationEssentials

/// An IPv4 or IPv6 network in CIDR notation (`198.51.100.0/24`); a bare address is a /32 or /128.
/// What ACR's `ipRules` hold, matched against the client IP a 403 names.
public struct CIDRRange: Sendable, Equatable {
  public let network: [UInt8]
  public let prefixLength: Int

  public init?(_ text: String) {
    let parts = text.trimmingSpaces.split(
      separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 1 || parts.count == 2,
      let bytes = parseIPv4(String(parts[0])) ?? parseIPv6(String(parts[0]))
    else { return nil }
    var length = bytes.count * 8
    if parts.count == 2 {
      guard !parts[1].isEmpty, parts[1].allSatisfy(\.isASCII), parts[1].allSatisfy(\.isNumber),
        let l = Int(parts[1]), l <= length
      else { return nil }
      length = l
    }
    network = bytes
    prefixLength = length
  }

  public func contains(_ ip: String) -> Bool {
    guard var address = parseIPv4(ip) ?? parseIPv6(ip) else { return false }
    // An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is matched as the IPv4 address it carries.
    if address.count == 16, network.count == 4, address[0..<10].allSatisfy({ $0 == 0 }),
      address[10] == 0xff,
      address[11] == 0xff
    {
      address = Array(address[12..<16])
    }
    guard address.count == network.count else { return false }
    let fullBytes = prefixLength / 8
    let remainingBits = prefixLength % 8
    if address[0..<fullBytes] != network[0..<fullBytes] { return false }
    guard remainingBits > 0 else { return true }
    let mask = UInt8(0xff) << (8 - remainingBits)
    return address[fullBytes] & mask == network[fullBytes] & mask
  }
}
