import Dispatch
import DoctorCore
import Foundation
import Glibc
import LabServers
import NIOSSL
import XCTest

@testable import DoctorProbes

/// Shared test material: one lab PKI (CA + leaves for the names the tests use) written to a temp directory.
enum LabFixtures {
  static let registryName = "contoso.azurecr.io"

  struct Material: Sendable {
    let pki: TestPKI
    let good: TestPKI.Issued
    let wrongName: TestPKI.Issued
    let expired: TestPKI.Issued
    let proxyLeaf: TestPKI.Issued
    let directory: String
    var caFile: String { directory + "/ca.pem" }
  }

  static let material: Result<Material, Error> = Result {
    let pki = try TestPKI()
    let directory = NSTemporaryDirectory() + "regdoctor-net-tests-\(getpid())"
    let good = try pki.issueLeaf(.init(names: [registryName, "127.0.0.1"]))
    let wrongName = try pki.issueLeaf(.init(names: ["other.example.net"]))
    let expired = try pki.issueLeaf(.init(names: [registryName], expired: true))
    let proxyLeaf = try pki.issueLeaf(.init(names: ["proxy.lab", "127.0.0.1"]))
    try pki.write(to: directory, leaves: ["registry": good])
    return Material(
      pki: pki, good: good, wrongName: wrongName, expired: expired, proxyLeaf: proxyLeaf,
      directory: directory)
  }

  static func load() throws -> Material { try material.get() }

  /// Trust store with only the lab CA, chosen through SSL_CERT_FILE as a user would.
  static func labTrust() throws -> TrustStore {
    TrustStore.fromEnvironment(["SSL_CERT_FILE": try load().caFile])
  }

  static func context(seconds: Double = 5) -> ProbeContext {
    ProbeContext(deadline: .now() + seconds, environment: [:])
  }

  static var registryEndpoint: Endpoint {
    Endpoint(host: registryName, port: 443, role: .loginServer)
  }

  /// A registry on 127.0.0.1 with the given leaf (leaf + CA served), started; stop it with `defer`.
  /// `realmOnListenAddress` makes the challenge's realm the server's own address (no name to resolve).
  static func startRegistry(
    leaf: TestPKI.Issued? = nil, mode: RegistryServer.Mode = .normal, tls: Bool = true,
    realmOnListenAddress: Bool = false
  ) throws -> RegistryServer {
    let material = try load()
    let configuration = try (leaf ?? material.good).serverTLSConfiguration(chain: [material.pki.ca])
    let server = RegistryServer(
      .init(tls: tls ? configuration : nil, mode: mode, registryName: realmOnListenAddress ? nil : registryName))
    try server.start()
    return server
  }

  /// The endpoint as seen through the registry's real port (direct tests connect to 127.0.0.1:port).
  static func endpoint(port: Int) -> Endpoint {
    Endpoint(host: registryName, port: port, role: .loginServer)
  }

  /// A port nothing listens on: bound, then released.
  static func closedPort() throws -> Int {
    let server = RegistryServer(.init(tls: nil))
    let port = try server.start()
    server.stop()
    return port
  }
}

/// A listening socket with backlog 0 that never accepts: the first connection completes in the kernel and is
/// never read; later SYNs are dropped (Linux drops SYNs to a full accept queue).
final class FullBacklogListener {
  let fd: Int32
  let port: Int

  init() throws {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw XCTSkip("no socket") }
    self.fd = fd
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard bound == 0, listen(fd, 0) == 0 else {
      _ = Glibc.close(fd)
      throw XCTSkip("cannot listen")
    }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    port = Int(UInt16(bigEndian: address.sin_port))
  }

  func close() { _ = Glibc.close(fd) }
}
