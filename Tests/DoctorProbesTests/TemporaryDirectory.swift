import Foundation
import XCTest

extension XCTestCase {
  /// A fresh directory of this test's own (`regdoctor-NAME-PID-UUID` in the temporary directory), removed with
  /// everything in it when the test ends.
  func temporaryDirectory(_ name: String) throws -> String {
    let path = NSTemporaryDirectory() + "regdoctor-\(name)-\(getpid())-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
    return path
  }

  /// An /etc of the test's own (for REGDOCTOR_ETC): a loopback nameserver and localhost only, so an engine run
  /// never asks this machine's real nameservers.
  func loopbackEtc(_ name: String) throws -> String {
    let etc = try temporaryDirectory(name)
    try "nameserver 127.0.0.1\n".write(toFile: etc + "/resolv.conf", atomically: true, encoding: .utf8)
    try "127.0.0.1 localhost\n".write(toFile: etc + "/hosts", atomically: true, encoding: .utf8)
    return etc
  }
}
