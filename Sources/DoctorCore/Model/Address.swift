import FoundationEssentials
import Glibc

/// How an address is reachable in principle: the distinction the private-endpoint diagnosis turns on.
public enum AddressClass: String, Sendable, Codable {
  /// RFC 1918, 100.64.0.0/10 (shared / CGNAT, used by some VNets), fc00::/7.
  case `private`
  case `public`
  case loopback
  case linkLocal = "link-local"
  /// 0.0.0.0, ::, multicast, reserved: nothing a registry can live on.
  case unusable
}

public enum AddressFamily: String, Sendable, Codable { case ipv4, ipv6 }

public struct ResolvedAddress: Sendable, Hashable, Codable {
  public let ip: String
  public let family: AddressFamily
  public var addressClass: AddressClass { classifyAddress(ip) }

  public init(ip: String) {
    self.ip = ip
    self.family = ip.contains(":") ? .ipv6 : .ipv4
  }
}

/// Classifies a textual IPv4 or IPv6 address. Anything that does not parse is `.unusable`.
public func classifyAddress(_ ip: String) -> AddressClass {
  if let v4 = parseIPv4(ip) { return classifyIPv4(v4) }
  if let v6 = parseIPv6(ip) {
    // IPv4-mapped ::ffff:a.b.c.d takes the class of the IPv4 address.
    if v6[0..<10].allSatisfy({ $0 == 0 }) && v6[10] == 0xff && v6[11] == 0xff {
      return classifyIPv4(Array(v6[12..<16]))
    }
    if v6.allSatisfy({ $0 == 0 }) { return .unusable }
    if v6[0..<15].allSatisfy({ $0 == 0 }) && v6[15] == 1 { return .loopback }
    if v6[0] & 0xfe == 0xfc { return .private }
    if v6[0] == 0xfe && v6[1] & 0xc0 == 0x80 { return .linkLocal }
    if v6[0] == 0xff { return .unusable }
    return .public
  }
  return .unusable
}

private func classifyIPv4(_ b: [UInt8]) -> AddressClass {
  switch (b[0], b[1]) {
  case (127, _): return .loopback
  case (10, _), (192, 168): return .private
  case (172, let s) where (16...31).contains(s): return .private
  case (100, let s) where (64...127).contains(s): return .private
  case (169, 254): return .linkLocal
  case (0, _): return .unusable
  case (let f, _) where f >= 224: return .unusable
  default: return .public
  }
}

public func parseIPv4(_ s: String) -> [UInt8]? {
  // inet_pton stops at a NUL: "10.0.0.2\0junk" must not pass for an address.
  guard !s.utf8.contains(0) else { return nil }
  var addr = in_addr()
  guard inet_pton(AF_INET, s, &addr) == 1 else { return nil }
  return withUnsafeBytes(of: &addr) { Array($0) }
}

public func parseIPv6(_ s: String) -> [UInt8]? {
  guard !s.utf8.contains(0) else { return nil }
  var addr = in6_addr()
  guard inet_pton(AF_INET6, s, &addr) == 1 else { return nil }
  return withUnsafeBytes(of: &addr) { Array($0) }
}

public func isIPAddress(_ s: String) -> Bool { parseIPv4(s) != nil || parseIPv6(s) != nil }
