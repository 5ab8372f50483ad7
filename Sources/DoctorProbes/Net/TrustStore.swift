import DoctorCore
import FoundationEssentials
import NIOSSL
import X509

/// The roots regdoctor verifies server chains against, chosen the way OpenSSL and Go choose them on Linux:
/// `SSL_CERT_FILE` (a PEM bundle) and/or `SSL_CERT_DIR` (colon-separated directories of PEM files), else the
/// distribution's bundle. Loaded once per distinct setting.
public struct TrustStore: Sendable {
  public let roots: [Certificate]
  /// For evidence: `SSL_CERT_FILE=/tmp/ca.pem (1 certificate)`.
  public let source: String

  public init(roots: [Certificate], source: String) {
    self.roots = roots
    self.source = source
  }

  /// Bundles of the common distributions, the first that exists is used.
  public static let systemBundlePaths = [
    "/etc/ssl/certs/ca-certificates.crt",  // Debian, Ubuntu, Alpine, Arch
    "/etc/pki/tls/certs/ca-bundle.crt",  // RHEL, Fedora, CentOS
    "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",  // RHEL 7+
    "/etc/ssl/ca-bundle.pem",  // openSUSE
    "/etc/ssl/cert.pem",  // Alpine, macOS
  ]
  public static let systemDirectory = "/etc/ssl/certs"

  public static func fromEnvironment(_ environment: [String: String]) -> TrustStore {
    let file = environment["SSL_CERT_FILE"].flatMap { $0.isEmpty ? nil : $0 }
    let dirs = environment["SSL_CERT_DIR"].flatMap { $0.isEmpty ? nil : $0 }
    let key = "\(file ?? "")\u{0}\(dirs ?? "")"
    return cache.store(for: key) { load(file: file, directories: dirs) }
  }

  private static let cache = TrustStoreCache()

  private static func load(file: String?, directories: String?) -> TrustStore {
    var roots: [Certificate] = []
    var sources: [String] = []
    if let file {
      roots += loadPEMFile(file)
      sources.append("SSL_CERT_FILE=\(file)")
    }
    if let directories {
      for dir in directories.split(separator: ":") { roots += loadPEMDirectory(String(dir)) }
      sources.append("SSL_CERT_DIR=\(directories)")
    }
    if file == nil && directories == nil {
      if let bundle = systemBundlePaths.first(where: {
        FileManager.default.isReadableFile(atPath: $0)
      }) {
        roots = loadPEMFile(bundle)
        sources.append("system bundle \(bundle)")
      } else {
        roots = loadPEMDirectory(systemDirectory)
        sources.append("system directory \(systemDirectory)")
      }
    }
    let count = roots.count == 1 ? "1 certificate" : "\(roots.count) certificates"
    return TrustStore(roots: roots, source: "\(sources.joined(separator: ", ")) (\(count))")
  }

  /// The largest bundle read (the Debian bundle is about 220 KiB).
  static let bundleLimit = 16 << 20

  /// Every certificate X509 can read from a PEM file; unreadable files and entries are skipped. Read through
  /// BoundedFile: SSL_CERT_FILE naming a FIFO hung regdoctor here, on the main thread, before any deadline.
  static func loadPEMFile(_ path: String) -> [Certificate] {
    guard case .success(let bytes) = BoundedFile.read(path, limit: bundleLimit),
      let pem = try? NIOSSLCertificate.fromPEMBytes(bytes)
    else { return [] }
    return pem.compactMap { certificate in
      (try? certificate.toDERBytes()).flatMap { try? Certificate(derEncoded: $0) }
    }
  }

  static func loadPEMDirectory(_ path: String) -> [Certificate] {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return [] }
    var seen = Set<Certificate>()
    var roots: [Certificate] = []
    for name in names.sorted() {
      for certificate in loadPEMFile(pathJoined(path, name))
      where seen.insert(certificate).inserted {
        roots.append(certificate)
      }
    }
    return roots
  }
}

/// Trust stores by setting, so the system bundle is parsed once per process.
private final class TrustStoreCache: @unchecked Sendable {
  private let lock = ThreadLock()
  private var stores: [String: TrustStore] = [:]

  func store(for key: String, load: () -> TrustStore) -> TrustStore {
    lock.withLock {
      if let known = stores[key] { return known }
      let store = load()
      stores[key] = store
      return store
    }
  }
}
