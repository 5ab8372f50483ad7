import DoctorCore
import FoundationEssentials
import Glibc

/// A nameserver as resolv.conf or a user writes it, turned into a socket address:
/// `10.0.0.2`, `127.0.0.1:5353`, `[::1]:5353`, `::1`, `fe80::1%eth0` (port 53 unless given).
struct NameserverAddress {
  let text: String
  let storage: sockaddr_storage
  let length: socklen_t
  var family: Int32 { Int32(storage.ss_family) }

  init?(_ text: String) {
    guard let (host, port) = Self.split(text.trimmingSpaces) else { return nil }
    var hints = addrinfo()
    // Numeric only: a nameserver is an address, and resolving it would itself need DNS.
    hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV
    hints.ai_family = AF_UNSPEC
    hints.ai_socktype = Int32(SOCK_DGRAM.rawValue)
    var list: UnsafeMutablePointer<addrinfo>? = nil
    guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list, let address = first.pointee.ai_addr
    else { return nil }
    defer { freeaddrinfo(list) }
    var storage = sockaddr_storage()
    let length = first.pointee.ai_addrlen
    guard Int(length) <= MemoryLayout<sockaddr_storage>.size else { return nil }
    withUnsafeMutableBytes(of: &storage) {
      $0.copyMemory(from: UnsafeRawBufferPointer(start: address, count: Int(length)))
    }
    self.text = text
    self.storage = storage
    self.length = length
  }

  /// Splits `host[:port]`; a bare IPv6 address has colons but no brackets, so it has no port.
  private static func split(_ text: String) -> (String, UInt16)? {
    if text.hasPrefix("[") {
      guard let close = text.firstIndex(of: "]") else { return nil }
      let host = String(text[text.index(after: text.startIndex)..<close])
      let rest = text[text.index(after: close)...]
      if rest.isEmpty { return (host, 53) }
      guard rest.hasPrefix(":"), let port = UInt16(rest.dropFirst()), port > 0 else { return nil }
      return (host, port)
    }
    let colons = text.filter { $0 == ":" }.count
    if colons == 1, let colon = text.firstIndex(of: ":") {
      guard let port = UInt16(text[text.index(after: colon)...]), port > 0 else { return nil }
      return (String(text[..<colon]), port)
    }
    return text.isEmpty ? nil : (text, 53)
  }

  /// Calls `body` with the address as the `sockaddr` pointer the socket calls take.
  func withSockaddr<T>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> T) -> T {
    withUnsafeBytes(of: storage) { raw in
      body(raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), length)
    }
  }
}
