import Crypto
import Foundation
import NIOSSL
import X509

/// A throwaway certificate authority and the leaves it issues, made in memory for tests and the lab (no openssl).
///
/// The CA can carry a real-looking name (`Microsoft Azure RSA TLS Issuing CA 07 (regdoctor lab)`) so reports show
/// what they would show for ACR, while the `(regdoctor lab)` suffix keeps it from being mistaken for the real one.
public struct TestPKI: Sendable {
  /// A certificate and its key, as PEM.
  public struct Issued: Sendable {
    public let certificate: Certificate
    public let certificatePEM: String
    public let privateKeyPEM: String

    /// What NIOSSL serves: this certificate, then `chain` (intermediates or the CA), and the key.
    public func serverTLSConfiguration(chain: [Issued] = []) throws -> TLSConfiguration {
      let certificates = try ([self] + chain).map {
        NIOSSLCertificateSource.certificate(
          try NIOSSLCertificate(bytes: Array($0.certificatePEM.utf8), format: .pem))
      }
      let key = try NIOSSLPrivateKey(bytes: Array(privateKeyPEM.utf8), format: .pem)
      return TLSConfiguration.makeServerConfiguration(
        certificateChain: certificates, privateKey: .privateKey(key))
    }
  }

  /// What a leaf is for, and how it is broken if it should be.
  public struct LeafOptions: Sendable {
    public var dnsNames: [String]
    public var ipAddresses: [String]
    /// Valid from 10 days ago until yesterday.
    public var expired: Bool

    public init(dnsNames: [String] = [], ipAddresses: [String] = [], expired: Bool = false) {
      self.dnsNames = dnsNames
      self.ipAddresses = ipAddresses
      self.expired = expired
    }

    /// Splits `contoso.azurecr.io,127.0.0.1,::1` into names and addresses.
    public init(names: [String], expired: Bool = false) {
      self.init(
        dnsNames: names.filter { ipBytes($0) == nil },
        ipAddresses: names.filter { ipBytes($0) != nil },
        expired: expired)
    }
  }

  public let ca: Issued
  private let caKey: P256.Signing.PrivateKey

  public init(
    caName: String = "Microsoft Azure RSA TLS Issuing CA 07 (regdoctor lab)",
    organization: String = "Microsoft Corporation"
  ) throws {
    let key = P256.Signing.PrivateKey()
    let name = try DistinguishedName {
      CountryName("US")
      OrganizationName(organization)
      CommonName(caName)
    }
    let now = Date()
    let certificate = try Certificate(
      version: .v3, serialNumber: .init(), publicKey: .init(key.publicKey),
      notValidBefore: now.addingTimeInterval(-86400),
      notValidAfter: now.addingTimeInterval(86400 * 365),
      issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
      extensions: try Certificate.Extensions {
        Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
        Critical(KeyUsage(keyCertSign: true, cRLSign: true))
      },
      issuerPrivateKey: .init(key))
    self.caKey = key
    self.ca = Issued(
      certificate: certificate, certificatePEM: try certificate.serializeAsPEM().pemString,
      privateKeyPEM: key.pemRepresentation)
  }

  /// A server certificate signed by this CA. The first DNS name (or address) becomes the CN.
  public func issueLeaf(_ options: LeafOptions) throws -> Issued {
    let key = P256.Signing.PrivateKey()
    let commonName = options.dnsNames.first ?? options.ipAddresses.first ?? "regdoctor-lab"
    let subject = try DistinguishedName { CommonName(commonName) }
    var names: [GeneralName] = options.dnsNames.map { .dnsName($0) }
    for address in options.ipAddresses {
      if let bytes = ipBytes(address) { names.append(.ipAddress(.init(contentBytes: bytes[...]))) }
    }
    let now = Date()
    let (notBefore, notAfter) =
      options.expired
      ? (now.addingTimeInterval(-86400 * 10), now.addingTimeInterval(-86400))
      : (now.addingTimeInterval(-3600), now.addingTimeInterval(86400 * 30))
    let certificate = try Certificate(
      version: .v3, serialNumber: .init(), publicKey: .init(key.publicKey),
      notValidBefore: notBefore,
      notValidAfter: notAfter, issuer: ca.certificate.subject, subject: subject,
      signatureAlgorithm: .ecdsaWithSHA256,
      extensions: try Certificate.Extensions {
        Critical(BasicConstraints.notCertificateAuthority)
        Critical(KeyUsage(digitalSignature: true))
        try ExtendedKeyUsage([.serverAuth])
        SubjectAlternativeNames(names)
      },
      issuerPrivateKey: .init(caKey))
    return Issued(
      certificate: certificate, certificatePEM: try certificate.serializeAsPEM().pemString,
      privateKeyPEM: key.pemRepresentation)
  }

  /// Writes `ca.pem`, and `NAME.pem` / `NAME-key.pem` for each leaf, into `directory` (created if needed).
  public func write(to directory: String, leaves: [String: Issued]) throws {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    func write(_ text: String, _ name: String, private isPrivate: Bool = false) throws {
      let path = (directory as NSString).appendingPathComponent(name)
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))
      if isPrivate { _ = chmod(path, 0o600) }
    }
    try write(ca.certificatePEM, "ca.pem")
    for (name, leaf) in leaves {
      try write(leaf.certificatePEM, "\(name).pem")
      try write(leaf.privateKeyPEM, "\(name)-key.pem", private: true)
    }
  }
}

/// The 4 or 16 bytes of a textual IP address, nil for anything else.
func ipBytes(_ text: String) -> [UInt8]? {
  var v4 = in_addr()
  if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
  var v6 = in6_addr()
  if inet_pton(AF_INET6, text, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
  return nil
}
