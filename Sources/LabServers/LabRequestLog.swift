import Foundation

/// The request lines a lab server has seen (`GET /v2/`, `GET /oauth2/token?…`), in order, for tests that check
/// what a client really sent.
final class LabRequestLog: @unchecked Sendable {
  private let lock = NSLock()
  private var lines: [String] = []

  func record(_ request: LabRequest) {
    lock.withLock { lines.append("\(request.method) \(request.target)") }
  }

  var all: [String] { lock.withLock { lines } }
  var count: Int { lock.withLock { lines.count } }
}
