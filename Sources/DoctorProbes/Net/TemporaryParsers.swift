// TEMPORARY — delete at merge. Minimal stand-ins for parsers another helper writes in DoctorCore/Parsing
// (AuthChallenge.parse, RegistryErrorBody.parse, redactSecrets, DaemonProxyConfigParser), so the probes
// in this branch compile and their tests run. The real versions replace this whole file.
import DoctorCore
import Foundation

extension AuthChallenge {
  /// TEMPORARY: `Bearer realm="…",service="…"` -> scheme and parameters (quoted values without commas only).
  public static func parse(_ value: String) -> AuthChallenge? {
    let trimmed = value.trimmingCharacters(in: .whitespaces)
    guard let space = trimmed.firstIndex(of: " ") else {
      return trimmed.isEmpty ? nil : AuthChallenge(scheme: trimmed, parameters: [:])
    }
    var parameters: [String: String] = [:]
    for pair in trimmed[trimmed.index(after: space)...].split(separator: ",") {
      let parts = pair.split(separator: "=", maxSplits: 1)
      guard parts.count == 2 else { continue }
      let key = parts[0].trimmingCharacters(in: .whitespaces).lowercased()
      parameters[key] = parts[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: ["\""])
    }
    return AuthChallenge(scheme: String(trimmed[..<space]), parameters: parameters)
  }
}

extension RegistryErrorBody {
  /// TEMPORARY: the first entry of `{"errors":[{"code":…,"message":…}]}`, plus ACR's denied client IP.
  public static func parse(_ body: String) -> RegistryErrorBody? {
    guard let data = body.data(using: .utf8),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let first = (object["errors"] as? [[String: Any]])?.first,
      let code = first["code"] as? String
    else { return nil }
    let message = first["message"] as? String ?? ""
    var ip: String?
    if let start = message.range(of: "client with IP '"),
      let end = message[start.upperBound...].firstIndex(of: "'")
    {
      ip = String(message[start.upperBound..<end])
    }
    return RegistryErrorBody(code: code, message: message, deniedClientIP: ip)
  }
}

/// TEMPORARY: hides `user:password@` in URLs and bearer tokens; the real one handles more shapes.
public func redactSecrets(_ text: String) -> String {
  var out = text
  if let regex = try? NSRegularExpression(pattern: "(://[^/:@\\s]+):[^@\\s]+@") {
    out = regex.stringByReplacingMatches(
      in: out, range: NSRange(out.startIndex..., in: out), withTemplate: "$1:***@")
  }
  if let regex = try? NSRegularExpression(pattern: "(?i)(bearer|basic)\\s+[A-Za-z0-9._~+/=-]+") {
    out = regex.stringByReplacingMatches(
      in: out, range: NSRange(out.startIndex..., in: out), withTemplate: "$1 ***")
  }
  if let regex = try? NSRegularExpression(
    pattern: "(\"(?:access_|refresh_)?token\"\\s*:\\s*\")[^\"]*\"")
  {
    out = regex.stringByReplacingMatches(
      in: out, range: NSRange(out.startIndex..., in: out), withTemplate: "$1***\"")
  }
  return out
}

/// TEMPORARY: where dockerd's proxy settings were written.
public enum DaemonProxyConfigParser {
  /// daemon.json's `proxies` object (`http-proxy`, `https-proxy`, `no-proxy`); invalid JSON -> parseError.
  public static func parseDaemonJSON(path: String, text: String) -> DaemonProxySource {
    guard let data = text.data(using: .utf8),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    else {
      return DaemonProxySource(
        path: path, httpProxy: nil, httpsProxy: nil, noProxy: nil, parseError: "not a JSON object")
    }
    let proxies = object["proxies"] as? [String: Any] ?? [:]
    return DaemonProxySource(
      path: path, httpProxy: (proxies["http-proxy"] as? String).map(redactSecrets),
      httpsProxy: (proxies["https-proxy"] as? String).map(redactSecrets),
      noProxy: proxies["no-proxy"] as? String)
  }

  /// A systemd drop-in's `Environment="HTTPS_PROXY=…"` lines.
  public static func parseSystemdDropIn(path: String, text: String) -> DaemonProxySource {
    var values: [String: String] = [:]
    for line in text.split(whereSeparator: \.isNewline) {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      guard trimmed.hasPrefix("Environment=") else { continue }
      let assignments = trimmed.dropFirst("Environment=".count).split(separator: " ")
      for assignment in assignments {
        let unquoted = assignment.trimmingCharacters(in: ["\""])
        let parts = unquoted.split(separator: "=", maxSplits: 1)
        if parts.count == 2 { values[parts[0].uppercased()] = String(parts[1]) }
      }
    }
    return DaemonProxySource(
      path: path, httpProxy: values["HTTP_PROXY"].map(redactSecrets),
      httpsProxy: values["HTTPS_PROXY"].map(redactSecrets),
      noProxy: values["NO_PROXY"])
  }
}
