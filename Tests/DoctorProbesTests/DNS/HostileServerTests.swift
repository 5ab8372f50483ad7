import DoctorCore
import XCTest

@testable import DoctorProbes

/// Answers no real nameserver should give, from a scripted server on loopback: the resolver must stay calm.
final class HostileServerTests: DNSServerTestCase {
  /// The right id followed by junk: an answer that cannot be read is an error, not a crash and not a hang.
  func testJunkWithTheRightIdIsAMalformedAnswer() throws {
    let responder = try startResponder { query in
      [Array(query.prefix(2)) + [0x81, 0x80, 0, 1, 0, 9] + Array(repeating: 0xC0, count: 40)]
    }
    let lookup = WireResolver.query(
      "registry.test", nameservers: [responder.nameserver], context: context(2), attemptTimeout: 0.3)
    XCTAssertEqual(lookup.outcome, .error)
    XCTAssertEqual(lookup.attempts.first?.error?.hasPrefix("malformed answer"), true, "\(lookup.attempts)")
  }

  /// Stray packets (another id) are ignored as glibc ignores them; the real answer after them is taken.
  func testStrayIdsAreIgnoredAndTheRealAnswerTaken() throws {
    let responder = try startResponder { query in
      guard query.count > 12, (try? DNSMessage.parse(query)) != nil else { return [] }
      var stray = query
      stray[0] ^= 0xFF
      stray[2] |= 0x80
      // The question goes back as is, with no records: NOERROR/no data for this name.
      var answer = query
      answer[2] |= 0x80
      answer[3] = 0x80
      return [stray, Array(repeating: 0x41, count: 3), answer]
    }
    let lookup = WireResolver.query(
      "registry.test", nameservers: [responder.nameserver], context: context(2), attemptTimeout: 0.5)
    XCTAssertEqual(lookup.outcome, .noData, "\(lookup.attempts)")
    XCTAssertEqual(lookup.answeredBy, responder.nameserver)
  }

  /// A reply for another question with the right id is not taken as the answer.
  func testAnswerToAnotherQuestionIsNotTaken() throws {
    let responder = try startResponder { query in
      guard query.count >= 2, let other = try? DNSMessage.query(name: "other.test", type: .a) else { return [] }
      var reply = Array(query.prefix(2)) + other.dropFirst(2)
      reply[2] |= 0x80
      return [reply]
    }
    let lookup = WireResolver.query(
      "registry.test", nameservers: [responder.nameserver], context: context(1.5), attemptTimeout: 0.5)
    XCTAssertEqual(lookup.outcome, .error)
    XCTAssertEqual(lookup.attempts.first?.error, "malformed answer: response question does not match the query")
  }

  /// A server that answers only the retry: the second attempt is what makes it work.
  func testTheRetryAfterATimeoutIsAnswered() throws {
    let seen = LockedSlots<Int>(count: 1)
    let responder = try startResponder { query in
      let count = (seen.get(0) ?? 0) + 1
      seen.set(0, count)
      // Two queries (A and AAAA) per attempt: stay silent for the first attempt.
      guard count > 2 else { return [] }
      var answer = query
      answer[2] |= 0x80
      answer[3] = 0x83  // NXDOMAIN
      return [answer]
    }
    let lookup = WireResolver.query(
      "registry.test", nameservers: [responder.nameserver], context: context(3), attemptTimeout: 0.4)
    XCTAssertEqual(lookup.outcome, .nxdomain, "\(lookup.attempts)")
    XCTAssertGreaterThan(seen.get(0) ?? 0, 2)
  }
}
