import Foundation
import XCTest

/// The regdoctor binary this build made, found next to the test bundle: on Linux the bundle URL is the build folder
/// itself or the .xctest inside it, depending on the toolchain.
func builtRegdoctor() throws -> URL {
  let bundle = Bundle(for: CLITests.self).bundleURL
  return try XCTUnwrap(
    [bundle, bundle.deletingLastPathComponent()].map { $0.appendingPathComponent("regdoctor") }
      .first { FileManager.default.isExecutableFile(atPath: $0.path) },
    "no built regdoctor next to \(bundle.path)")
}

/// How a run of the binary ended and what it printed.
struct CLIRun {
  let status: Int32
  let stdout: String
  let stderr: String
}

extension Process {
  /// Reads both pipes to their end (so a chatty child never blocks on a full pipe), then waits for the exit.
  func finish(stdout: Pipe, stderr: Pipe) -> CLIRun {
    let o = stdout.fileHandleForReading.readDataToEndOfFile()
    let e = stderr.fileHandleForReading.readDataToEndOfFile()
    waitUntilExit()
    return CLIRun(
      status: terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
  }
}
