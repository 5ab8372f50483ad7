// What a TLS failure says to a user: BoringSSL's reason code in a sentence, never the Swift error value it came in
// (`handshakeFailed(NIOSSL.BoringSSLError.sslError([Error: 268435606 error:10000096:SSL routines:…]))`), and a
// certificate's names counted rather than listed when there are many (a 10,000-name certificate, issue 11).

/// The reason codes of BoringSSL's `error:HEX:LIBRARY:FUNCTION:REASON` strings in `text`, in order, at most `limit`.
func boringSSLReasons(in text: String, limit: Int = 4) -> [String] {
  var reasons: [String] = []
  var rest = Substring(text)
  while reasons.count < limit, let start = rest.firstRange(of: "error:") {
    let tail = rest[start.upperBound...]
    // `10000096:SSL routines:OPENSSL_internal:EXCESSIVE_MESSAGE_SIZE at /…/s3_both.cc:300]`: the fourth field, up to
    // the blank before BoringSSL's source path.
    let fields = tail.prefix { $0 != "]" && $0 != ")" && $0 != "," }.split(
      separator: ":", omittingEmptySubsequences: false)
    if fields.count >= 4 {
      let reason = fields[3].prefix { $0 != " " }
      if !reason.isEmpty, reason.allSatisfy({ $0.isUppercase || $0.isNumber || $0 == "_" }),
        !reasons.contains(String(reason))
      {
        reasons.append(String(reason))
      }
    }
    rest = tail
  }
  return reasons
}

/// A sentence for the reason codes TLS clients meet with registries; nil for the others.
func tlsReasonWords(_ reason: String) -> String? {
  switch reason {
  case "EXCESSIVE_MESSAGE_SIZE":
    return "the server's certificate (or another handshake message) is larger than TLS clients accept; Docker's Go "
      + "TLS refuses it too (a certificate with thousands of names does this)"
  case "WRONG_VERSION_NUMBER", "HTTP_REQUEST":
    return "the server's first bytes are not TLS"
  case "SSLV3_ALERT_HANDSHAKE_FAILURE", "NO_SHARED_CIPHER", "TLSV1_ALERT_PROTOCOL_VERSION", "UNSUPPORTED_PROTOCOL":
    return "the server and the client have no TLS version or cipher in common"
  case "TLSV1_ALERT_UNRECOGNIZED_NAME":
    return "the server does not serve the name asked for (SNI)"
  case "TLSV1_ALERT_INTERNAL_ERROR":
    return "the server ended the handshake with an internal error"
  case "CERTIFICATE_VERIFY_FAILED":
    return "the certificate could not be verified"
  case "DECODE_ERROR", "BAD_PACKET_LENGTH", "DECRYPTION_FAILED_OR_BAD_RECORD_MAC":
    return "the server's handshake cannot be read (something on the way changes the bytes)"
  default:
    return nil
  }
}

/// BoringSSL's errors in words (`… (BoringSSL: EXCESSIVE_MESSAGE_SIZE)`); nil when `text` names no reason code.
func tlsLibraryWords(_ text: String) -> String? {
  let reasons = boringSSLReasons(in: text)
  guard let first = reasons.first else { return nil }
  let codes = reasons.joined(separator: ", ")
  guard let words = tlsReasonWords(first) else { return "TLS error (BoringSSL: \(codes))" }
  return "\(words) (BoringSSL: \(codes))"
}

/// `a, b, … h, … and 9992 more (10000 names)` for long lists; the whole list when it is short.
func countedNames(_ names: [String], shown: Int = 8) -> String {
  guard names.count > shown + 1 else { return names.joined(separator: ", ") }
  return names.prefix(shown).joined(separator: ", ") + ", … and \(names.count - shown) more (\(names.count) names)"
}
