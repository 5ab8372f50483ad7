import FoundationEssentials

// The body of a registry's error answer: OCI distribution JSON (`{"errors":[{"code":"DENIED",…}]}`), or the plain
// text ACR's firewall sends (`client with IP '203.0.113.7' is not allowed access`).

extension RegistryErrorBody {
  /// Bodies are cut to this many bytes before parsing: an error body is a few hundred bytes, anything far bigger
  /// is not one, and the cut bounds time and memory.
  static let maxBodyBytes = 64 * 1024
  /// Messages are kept to this many characters for evidence lines.
  static let maxMessageLength = 1024

  /// Parses the first error of an OCI error body, or a plain-text ACR firewall denial; nil for anything else.
  /// `deniedClientIP` is set only when the sentence names a valid IP address.
  public static func parse(_ body: String) -> RegistryErrorBody? {
    let text = boundedPrefix(body)
    if let parsed = parseOCIJSON(text) { return parsed }
    guard let sentence = firewallSentence(in: text) else { return nil }
    return RegistryErrorBody(
      code: "DENIED", message: clipped(sentence.text), deniedClientIP: sentence.ip)
  }

  private static func boundedPrefix(_ body: String) -> String {
    guard body.utf8.count > maxBodyBytes else { return body }
    // Decoding a cut prefix repairs a multi-byte character split at the cut.
    return String(decoding: body.utf8.prefix(maxBodyBytes), as: UTF8.self)
  }

  private static func parseOCIJSON(_ text: String) -> RegistryErrorBody? {
    let trimmed = text.trimmingWhitespace
    guard trimmed.hasPrefix("{"), jsonNestingDepth(trimmed) <= 32,
      let object = JSONAny.parse(trimmed.utf8) as? [String: Any],
      let errors = object["errors"] as? [Any], let first = errors.first as? [String: Any]
    else { return nil }
    let code = (first["code"] as? String) ?? ""
    let message = (first["message"] as? String) ?? ""
    if code.isEmpty && message.isEmpty { return nil }
    // ACR puts the client IP in the message; some gateways move it into `detail`.
    var ip = firewallSentence(in: message)?.ip
    if ip == nil, let detail = first["detail"] {
      ip = firewallSentence(in: describeDetail(detail))?.ip
    }
    return RegistryErrorBody(code: clipped(code), message: clipped(message), deniedClientIP: ip)
  }

  private static func describeDetail(_ detail: Any) -> String {
    if let text = detail as? String { return text }
    guard detail is [String: Any] || detail is [Any] else { return "" }
    return JSONAny.serialize(detail) ?? ""
  }

  /// Finds `client with IP 'x' is not allowed access` (quotes single, double or none) and the line it is on.
  private static func firewallSentence(in text: String) -> (text: String, ip: String?)? {
    guard let start = text.literalRange(of: "client with IP", ignoringCase: true) else {
      return nil
    }
    guard
      let end = text.literalRange(
        of: "is not allowed access", ignoringCase: true,
        in: start.upperBound..<text.endIndex),
      text.distance(from: start.upperBound, to: end.lowerBound) <= 80
    else { return nil }
    let between = text[start.upperBound..<end.lowerBound]
    let candidate = between.trimming(charactersIn: " \t'\"`‘’")
    let ip = isIPLiteral(candidate) ? candidate : nil
    let lineStart =
      text[..<start.lowerBound].lastIndex(where: \.isNewline).map { text.index(after: $0) }
      ?? text.startIndex
    let lineEnd = text[end.upperBound...].firstIndex(where: \.isNewline) ?? text.endIndex
    return (String(text[lineStart..<lineEnd]).trimmingWhitespace, ip)
  }

  private static func clipped(_ text: String) -> String {
    text.count <= maxMessageLength ? text : String(text.prefix(maxMessageLength)) + "…"
  }
}

/// The deepest nesting of `[`/`{` outside strings; checked before JSONSerialization so a hostile body of
/// thousands of brackets is refused cheaply.
func jsonNestingDepth(_ text: String) -> Int {
  var depth = 0
  var deepest = 0
  var inString = false
  var escaped = false
  for byte in text.utf8 {
    if inString {
      if escaped {
        escaped = false
      } else if byte == UInt8(ascii: "\\") {
        escaped = true
      } else if byte == UInt8(ascii: "\"") {
        inString = false
      }
      continue
    }
    switch byte {
    case UInt8(ascii: "\""): inString = true
    case UInt8(ascii: "["), UInt8(ascii: "{"):
      depth += 1
      deepest = max(deepest, depth)
    case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
    default: break
    }
  }
  return deepest
}
