// TEMPORARY — DELETE when the shared `redactSecrets` (written by another helper) is merged.
// A deliberately small stand-in so the Azure probe's error messages are redacted from day one.

import Foundation

/// Masks what could be a secret in text a tool printed: URL credentials, bearer tokens, JWTs, `"…token": "…"`.
func redactSecrets(_ text: String) -> String {
  var s = text
  let patterns: [(String, String)] = [
    // scheme://user:password@host -> scheme://user:***@host
    (#"([A-Za-z][A-Za-z0-9+.-]*://[^:/@\s]+):[^@\s]+@"#, "$1:***@"),
    // Authorization: Bearer xyz / Basic xyz
    (#"(?i)(authorization\s*[:=]\s*)(bearer|basic)?\s*[^\s,;"']+"#, "$1$2 ***"),
    (#"(?i)\bbearer\s+[A-Za-z0-9._~+/=-]+"#, "Bearer ***"),
    // JWTs (access and refresh tokens az may echo)
    (#"eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*"#, "***"),
    // "accessToken": "…", "refresh_token": "…", password=…
    (#"(?i)("?[a-z_]*(token|password|secret)"?\s*[:=]\s*"?)[^"\s,}]+"#, "$1***"),
  ]
  for (pattern, template) in patterns {
    guard let regex = try? NSRegularExpression(pattern: pattern) else { continue }
    s = regex.stringByReplacingMatches(
      in: s, range: NSRange(s.startIndex..., in: s), withTemplate: template)
  }
  return s
}
