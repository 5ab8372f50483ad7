import DoctorCore
import XCTest

@testable import DoctorProbes

/// A nameserver that answers with a CNAME chain looping back on itself (registry.test -> other.test ->
/// registry.test): an answer, not silence. dnsmasq refuses such a configuration, so a scripted server gives it.
final class CNAMELoopTests: DNSServerTestCase {
  /// The query with its question echoed and two CNAME records appended that point at each other.
  private static func loopingAnswer(_ query: [UInt8]) -> [[UInt8]] {
    guard query.count > 12, let message = try? DNSMessage.parse(query), let name = message.questions.first?.name,
      let owner = try? DNSMessage.encodeName(name), let other = try? DNSMessage.encodeName("other.test")
    else { return [] }
    func cname(_ from: [UInt8], _ to: [UInt8]) -> [UInt8] {
      from + [0, 5, 0, 1, 0, 0, 0, 60, 0, UInt8(to.count)] + to
    }
    var answer = query
    answer[2] |= 0x80
    answer[3] = 0x80
    answer[7] = 2  // ANCOUNT
    return [answer + cname(owner, other) + cname(other, owner)]
  }

  func testALoopingChainIsTheLoopNotASilentServer() throws {
    let responder = try startResponder(Self.loopingAnswer)
    let lookup = WireResolver.query(
      "registry.test", nameservers: [responder.nameserver], context: context(2), attemptTimeout: 0.5)
    XCTAssertEqual(lookup.outcome, .cnameLoop, "\(lookup.attempts)")
    XCTAssertEqual(lookup.answeredBy, responder.nameserver)
    XCTAssertEqual(lookup.chainText, "registry.test -> other.test -> registry.test")
    XCTAssertEqual(lookup.attempts.first?.error, "CNAME loop at registry.test")
  }

  /// The nameserver check counts it as a server that answers, so dns-server-unreachable cannot follow from it.
  func testTheNameserverCheckCountsTheLoopingServerAsAnswering() throws {
    let responder = try startResponder(Self.loopingAnswer)
    let resolvConf = FileManager.default.temporaryDirectory.appendingPathComponent("cname-loop-\(getpid()).conf")
    try "nameserver \(responder.nameserver)\n".write(to: resolvConf, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: resolvConf) }
    let facts = NameserverCheck.run(
      resolvConfPath: resolvConf.path, host: "registry.test", context: context(2), attemptTimeout: 0.5)
    XCTAssertEqual(facts.attempts.map(\.outcome), [.cnameLoop])
    XCTAssertTrue(facts.silent.isEmpty, "\(facts.attempts)")
  }
}
