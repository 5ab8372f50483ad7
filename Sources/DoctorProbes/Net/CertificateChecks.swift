import DoctorCore
import FoundationEssentials
import Glibc
import NIOCore
// The trust-only check needs the chain verified with expiry left out, so an expired leaf is told apart from an
// untrusted one; X509 offers that as SPI.
@_spi(DisableValidityCheck) import X509

/// What the evidence shows of one certificate.
func summarize(_ certificate: Certificate) -> CertificateSummary {
  let names = (try? certificate.extensions.subjectAlternativeNames) ?? nil
  let basic = (try? certificate.extensions.basicConstraints) ?? nil
  var isCA = false
  if case .isCertificateAuthority = basic { isCA = true }
  return CertificateSummary(
    subject: certificate.subject.description, issuer: certificate.issuer.description,
    issuerOrganization: organization(of: certificate.issuer),
    subjectAlternativeNames: names.map { $0.map(describeName) } ?? [],
    notBefore: timestamp(certificate.notValidBefore),
    notAfter: timestamp(certificate.notValidAfter), isCA: isCA)
}

private func organization(of name: DistinguishedName) -> String? {
  for rdn in name {
    for attribute in rdn where attribute.type == .RDNAttributeType.organizationName {
      return String(attribute.value) ?? attribute.value.description
    }
  }
  return nil
}

private func describeName(_ name: GeneralName) -> String {
  switch name {
  case .dnsName(let dns): return dns
  case .ipAddress(let octets): return describeIP(Array(octets.bytes))
  default: return String(describing: name)
  }
}

private func describeIP(_ bytes: [UInt8]) -> String {
  var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
  let family = bytes.count == 4 ? AF_INET : bytes.count == 16 ? AF_INET6 : -1
  guard family != -1, inet_ntop(family, bytes, &text, socklen_t(text.count)) != nil else {
    return bytes.map { String($0) }.joined(separator: ".")
  }
  return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

private func timestamp(_ date: Date) -> String {
  Date.ISO8601FormatStyle().format(date)
}

/// Our own verdict on a chain, after the handshake let it through: trust first (does it lead to a root we have?),
/// then validity in time, then the name — the order in which each question only makes sense.
func verifyChain(
  _ chain: [Certificate], host: String, trust: TrustStore, now: Date = Date()
) -> (outcome: TLSOutcome, reason: String?) {
  guard let leaf = chain.first else { return (.handshakeFailed, "the server sent no certificate") }
  let roots = CertificateStore(trust.roots)
  let intermediates = CertificateStore(chain.dropFirst())
  let serverIP = isIPAddress(host) ? host : nil
  let serverName = serverIP == nil ? host : nil

  let chained = runVerifier {
    var verifier = Verifier(rootCertificates: roots) { RFC5280Policy.withValidityCheckDisabled() }
    return await verifier.validate(leaf: leaf, intermediates: intermediates).isValid
  }
  guard chained else {
    let top = chain.last ?? leaf
    return (
      .untrusted,
      "no chain to a trusted root: issuer \"\(top.issuer)\" is not in \(trust.source)"
    )
  }
  let inTime = runVerifier {
    var verifier = Verifier(rootCertificates: roots) { RFC5280Policy() }
    return await verifier.validate(leaf: leaf, intermediates: intermediates).isValid
  }
  guard inTime else {
    let stale = chain.first { $0.notValidAfter < now || $0.notValidBefore > now } ?? leaf
    let when =
      stale.notValidAfter < now
      ? "expired at \(timestamp(stale.notValidAfter))"
      : "not valid before \(timestamp(stale.notValidBefore))"
    return (.expired, "certificate \"\(stale.subject)\" \(when)")
  }
  let named = runVerifier {
    var verifier = Verifier(rootCertificates: roots) {
      RFC5280Policy.withValidityCheckDisabled()
      ServerIdentityPolicy(serverHostname: serverName, serverIP: serverIP)
    }
    return await verifier.validate(leaf: leaf, intermediates: intermediates).isValid
  }
  guard named else {
    let names = summarize(leaf).subjectAlternativeNames
    return (
      .nameMismatch,
      "certificate is for \(names.isEmpty ? "no names" : countedNames(names)), not \(host)"
    )
  }
  return (.verified, nil)
}

/// X509's verifier is async; the probes are blocking and never run on the loop, so waiting here is fine.
private func runVerifier(_ validate: @escaping @Sendable () async -> Bool) -> Bool {
  let future = NetworkProbes.eventLoopGroup.next().makeFutureWithTask(validate)
  return (try? future.wait()) ?? false
}

extension CertificateValidationResult {
  fileprivate var isValid: Bool {
    if case .validCertificate = self { return true }
    return false
  }
}
