// Host name and port syntax shared by the registry, data endpoint and proxy parsers.

/// Why a host name is not acceptable, as the end of a sentence (`"label 'x…' is longer than 63 characters"`).
/// nil when `host` (already lower-cased, without brackets) is an IP literal or a valid DNS name.
func hostNameProblem(_ host: String) -> String? {
  if host.isEmpty { return "the host name is empty" }
  if isIPLiteral(host) { return nil }
  if host.utf8.count > 253 { return "the host name is longer than 253 characters" }
  for scalar in host.unicodeScalars where !isHostNameScalar(scalar) {
    if !scalar.isASCII {
      return
        "it contains a non-ASCII character; write internationalised names in their xn-- (punycode) form"
    }
    return "it contains \(describeCharacter(scalar)), which is not allowed in a host name"
  }
  for label in host.split(separator: ".", omittingEmptySubsequences: false) {
    if label.isEmpty {
      return "it has an empty label (two dots in a row, or a dot at the start or end)"
    }
    if label.utf8.count > 63 {
      return "the label \(quotedForMessage(String(label), limit: 20)) is longer than 63 characters"
    }
    if label.hasPrefix("-") || label.hasSuffix("-") {
      return "the label \(quotedForMessage(String(label))) starts or ends with a hyphen"
    }
  }
  // An all-numeric name such as 300.1.1.1 looks like an address but is none; DNS would never answer it.
  if host.split(separator: ".").allSatisfy({ $0.allSatisfy(\.isASCIIDigitCharacter) }) {
    return "it looks like an IPv4 address but is not a valid one"
  }
  return nil
}

private func isHostNameScalar(_ s: Unicode.Scalar) -> Bool {
  switch s {
  case "a"..."z", "0"..."9", "-", ".", "_": return true
  default: return false
  }
}

/// `a space`, `the character ';'`, `a control character (0x07)`: how a message names an offending character.
func describeCharacter(_ scalar: Unicode.Scalar) -> String {
  if scalar == " " { return "a space" }
  if scalar == "\t" { return "a tab" }
  if scalar.properties.generalCategory == .control {
    return "a control character (0x\(String(scalar.value, radix: 16)))"
  }
  if !scalar.isASCII {
    return "the non-ASCII character U+\(String(scalar.value, radix: 16, uppercase: true))"
  }
  return "the character '\(scalar)'"
}

/// Parses a decimal TCP port, 1-65535. Leading `+`, signs or anything but digits are refused.
func parsePort(_ text: Substring) -> Int? {
  guard !text.isEmpty, text.utf8.count <= 5, text.allSatisfy(\.isASCIIDigitCharacter),
    let port = Int(text),
    (1...65535).contains(port)
  else { return nil }
  return port
}

extension Character {
  var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}

/// Splits `host`, `host:port`, `[v6]` or `[v6]:port`. The host comes back without brackets; the port text
/// is nil when absent. Returns a reason (end of a sentence) when the shape itself is wrong.
func splitHostPort(_ text: Substring) -> Result<(host: Substring, port: Substring?), HostShapeError> {
  if text.hasPrefix("[") {
    guard let close = text.firstIndex(of: "]") else {
      return .failure(.init("its '[' has no closing ']'"))
    }
    let host = text[text.index(after: text.startIndex)..<close]
    let rest = text[text.index(after: close)...]
    if rest.isEmpty { return .success((host, nil)) }
    guard rest.hasPrefix(":") else {
      return .failure(.init("something follows the ']' that is not ':port'"))
    }
    return .success((host, rest.dropFirst()))
  }
  let colons = text.filter { $0 == ":" }.count
  if colons > 1 {
    return .failure(
      .init("it looks like an IPv6 address; write it in brackets, like [2001:db8::1]:5000"))
  }
  if let colon = text.firstIndex(of: ":") {
    return .success((text[..<colon], text[text.index(after: colon)...]))
  }
  return .success((text, nil))
}

struct HostShapeError: Error {
  let reason: String
  init(_ reason: String) { self.reason = reason }
}

// inet_pton stops at a NUL, so `10.0.0.2\0junk` would pass for an address; these refuse a NUL first.

func ipv4Bytes(_ text: String) -> [UInt8]? { text.utf8.contains(0) ? nil : parseIPv4(text) }

func ipv6Bytes(_ text: String) -> [UInt8]? { text.utf8.contains(0) ? nil : parseIPv6(text) }

func isIPLiteral(_ text: String) -> Bool { ipv4Bytes(text) != nil || ipv6Bytes(text) != nil }
