import NIOSSL

/// The TLS settings type the lab servers take, named so callers need not import NIOSSL.
public typealias LabTLSConfiguration = TLSConfiguration

/// TLS settings from PEM files, for the lab command line.
public enum LabTLS {
  /// The certificate file may hold a chain (leaf first); the key file one PEM private key.
  public static func serverConfiguration(certificateFile: String, keyFile: String) throws
    -> TLSConfiguration
  {
    let chain = try NIOSSLCertificate.fromPEMFile(certificateFile).map {
      NIOSSLCertificateSource.certificate($0)
    }
    guard !chain.isEmpty else { throw LabServerError("no certificate in \(certificateFile)") }
    let key = try NIOSSLPrivateKey(file: keyFile, format: .pem)
    return TLSConfiguration.makeServerConfiguration(
      certificateChain: chain, privateKey: .privateKey(key))
  }
}
