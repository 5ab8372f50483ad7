import XCTest

@testable import DoctorProbes

/// Builds packets byte by byte, so each hostile case shows exactly what is wrong with it.
private enum Packet {
  static func header(id: UInt16 = 0x1234, flags: UInt16 = 0x8180, qd: UInt16 = 1, an: UInt16 = 0, ns: UInt16 = 0)
    -> [UInt8]
  {
    u16(id) + u16(flags) + u16(qd) + u16(an) + u16(ns) + u16(0)
  }
  static func u16(_ value: UInt16) -> [UInt8] { [UInt8(value >> 8), UInt8(value & 0xFF)] }
  static func u32(_ value: UInt32) -> [UInt8] { u16(UInt16(value >> 16)) + u16(UInt16(value & 0xFFFF)) }
  static func name(_ text: String) -> [UInt8] { (try? DNSMessage.encodeName(text)) ?? [] }
  static func question(_ text: String, type: UInt16 = 1) -> [UInt8] { name(text) + u16(type) + u16(1) }
  static func record(owner: [UInt8], type: UInt16, ttl: UInt32 = 300, rdata: [UInt8]) -> [UInt8] {
    owner + u16(type) + u16(1) + u32(ttl) + u16(UInt16(rdata.count)) + rdata
  }

  /// `contoso.azurecr.io CNAME contoso.privatelink.azurecr.io`, `... A 10.1.2.3`, compressed as servers do.
  static var privateLinkAnswer: [UInt8] {
    var bytes = header(an: 2) + question("contoso.azurecr.io")
    // The question's name starts at 12; its "azurecr" label at 12 + 8 = 20.
    let cnameData: [UInt8] = [7] + Array("contoso".utf8) + [11] + Array("privatelink".utf8) + [0xC0, 20]
    let cnameDataOffset = bytes.count + 2 + 10
    bytes += record(owner: [0xC0, 12], type: 5, rdata: cnameData)
    bytes += record(owner: [0xC0, UInt8(cnameDataOffset)], type: 1, ttl: 60, rdata: [10, 1, 2, 3])
    return bytes
  }
}

final class DNSMessageTests: XCTestCase {
  func testQueryIsAStandardRecursiveQuestion() throws {
    let bytes = try DNSMessage.query(name: "contoso.azurecr.io.", type: .aaaa, id: 0xBEEF)
    XCTAssertEqual(Array(bytes[0..<12]), [0xBE, 0xEF, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0])
    XCTAssertEqual(Array(bytes[12...]), Packet.name("contoso.azurecr.io") + [0, 28, 0, 1])
    let parsed = try DNSMessage.parse(bytes)
    XCTAssertFalse(parsed.isResponse)
    XCTAssertTrue(parsed.recursionDesired)
    XCTAssertEqual(parsed.questions, [DNSQuestion(name: "contoso.azurecr.io", type: 28)])
  }

  func testQueryIdsAreRandom() throws {
    let ids = try (0..<32).map { _ in try DNSMessage.parse(DNSMessage.query(name: "a.test", type: .a)).id }
    XCTAssertGreaterThan(Set(ids).count, 1)
  }

  func testNamesThatCannotBeAsked() {
    let bad = [
      "", ".", "a..b", String(repeating: "x", count: 64) + ".test",
      Array(repeating: String(repeating: "y", count: 63), count: 5).joined(separator: "."),
    ]
    for name in bad {
      XCTAssertThrowsError(try DNSMessage.query(name: name, type: .a), name) { error in
        guard case DNSMessageError.invalidName = error else { return XCTFail("\(error) for \(name)") }
      }
    }
  }

  func testCompressedCNAMEAndAddressAreRead() throws {
    let message = try DNSMessage.parse(Packet.privateLinkAnswer)
    XCTAssertNoThrow(try message.validate(answering: 0x1234, name: "CONTOSO.azurecr.io.", type: .a))
    XCTAssertEqual(
      message.answers,
      [
        DNSResourceRecord(name: "contoso.azurecr.io", ttl: 300, data: .cname("contoso.privatelink.azurecr.io")),
        DNSResourceRecord(name: "contoso.privatelink.azurecr.io", ttl: 60, data: .a("10.1.2.3")),
      ])
    let chain = CNAMEChain(from: "contoso.azurecr.io", records: message.answers, type: .a)
    XCTAssertEqual(chain.cnames.map(\.target), ["contoso.privatelink.azurecr.io"])
    XCTAssertEqual(chain.addresses.map(\.address.ip), ["10.1.2.3"])
    XCTAssertNil(chain.problem)
  }

  func testAAAAOtherTypesAndTTLTopBit() throws {
    let v6: [UInt8] = [0x20, 0x01, 0x0d, 0xb8] + Array(repeating: 0, count: 11) + [1]
    let bytes =
      Packet.header(an: 3) + Packet.question("v6.test", type: 28)
      + Packet.record(owner: [0xC0, 12], type: 16, rdata: [5] + Array("hello".utf8))
      + Packet.record(owner: [0xC0, 12], type: 28, ttl: 0x8000_0001, rdata: v6)
      + Packet.record(owner: [0xC0, 12], type: 28, rdata: Array(repeating: 0, count: 16))
    let message = try DNSMessage.parse(bytes)
    XCTAssertEqual(message.answers.map(\.data), [.other(type: 16), .aaaa("2001:db8::1"), .aaaa("::")])
    XCTAssertEqual(message.answers[1].ttl, 0)
  }

  func testOddLabelBytesAreEscapedLikeDig() throws {
    let owner: [UInt8] = [4, 0x61, 0x2E, 0x00, 0xFF, 0]
    let bytes = Packet.header(qd: 0, an: 1) + Packet.record(owner: owner, type: 1, rdata: [192, 0, 2, 1])
    XCTAssertEqual(try DNSMessage.parse(bytes).answers.first?.name, "a\\.\\000\\255")
  }

  func testValidationRejectsStrayAnswers() throws {
    let message = try DNSMessage.parse(Packet.privateLinkAnswer)
    XCTAssertThrowsError(try message.validate(answering: 0x4321, name: "contoso.azurecr.io", type: .a)) {
      XCTAssertEqual($0 as? DNSMessageError, .idMismatch(expected: 0x4321, got: 0x1234))
    }
    XCTAssertThrowsError(try message.validate(answering: 0x1234, name: "other.azurecr.io", type: .a)) {
      XCTAssertEqual($0 as? DNSMessageError, .questionMismatch)
    }
    XCTAssertThrowsError(try message.validate(answering: 0x1234, name: "contoso.azurecr.io", type: .aaaa)) {
      XCTAssertEqual($0 as? DNSMessageError, .questionMismatch)
    }
    let query = try DNSMessage.parse(DNSMessage.query(name: "contoso.azurecr.io", type: .a, id: 7))
    XCTAssertThrowsError(try query.validate(answering: 7, name: "contoso.azurecr.io", type: .a)) {
      XCTAssertEqual($0 as? DNSMessageError, .notAResponse)
    }
  }

  /// Every hostile packet must end in an error (from parsing, or from checking it answers our query).
  func testHostilePacketsGiveErrors() {
    let good = Packet.privateLinkAnswer
    let longLabel: [UInt8] = [63] + Array(repeating: 0x61, count: 63)
    let longName: [UInt8] = Array(repeating: longLabel, count: 5).flatMap { $0 } + [0]
    let cases: [(String, [UInt8], DNSMessageError?)] = [
      ("empty packet", [], .truncated),
      ("short header", Array(good[0..<11]), .truncated),
      ("question promised, none there", Packet.header(), .truncated),
      ("cut inside the question name", Array(good[0..<20]), .truncated),
      ("cut inside a record", Array(good[0..<(good.count - 2)]), .truncated),
      ("answer count larger than the data", Packet.header(an: 9) + Array(good[12...]), .truncated),
      ("authority count larger than the data", Packet.header(an: 2, ns: 3) + Array(good[12...]), .truncated),
      ("pointer to itself", Packet.header() + [0xC0, 12, 0, 1, 0, 1], .pointerLoop),
      ("two pointers in a loop", Packet.header() + [0xC0, 14, 0xC0, 12, 0, 1, 0, 1], .pointerLoop),
      ("label then pointer back to itself", Packet.header() + [1, 0x61, 0xC0, 12, 0, 1, 0, 1], .nameTooLong),
      ("pointer out of range", Packet.header() + [0xC0, 0xFF, 0, 1, 0, 1], .pointerOutOfRange),
      ("pointer cut in half", Packet.header() + [0xC0], .truncated),
      ("label longer than 63 (0x40)", Packet.header() + [0x40] + Array(repeating: 0x61, count: 64) + [0], .badLabel),
      ("reserved label type 0x80", Packet.header() + [0x80, 0, 1, 0, 1], .badLabel),
      ("label runs past the end", Packet.header() + [10, 0x61, 0x62], .truncated),
      ("name longer than 255", Packet.header() + longName + [0, 1, 0, 1], .nameTooLong),
      (
        "A record of 5 bytes",
        Packet.header(an: 1) + Packet.question("a.test")
          + Packet.record(
            owner: [0xC0, 12], type: 1,
            rdata: [1, 2, 3, 4, 5]), .badRecordData(type: 1)
      ),
      (
        "AAAA record of 4 bytes",
        Packet.header(an: 1) + Packet.question("a.test")
          + Packet.record(
            owner: [0xC0, 12], type: 28,
            rdata: [1, 2, 3, 4]), .badRecordData(type: 28)
      ),
      (
        "CNAME data longer than its name",
        Packet.header(an: 1) + Packet.question("a.test")
          + Packet.record(
            owner: [0xC0, 12], type: 5,
            rdata: [0xC0, 12, 0x99]), .badRecordData(type: 5)
      ),
      (
        "record length past the end",
        Packet.header(an: 1) + Packet.question("a.test") + [0xC0, 12, 0, 1, 0, 1]
          + Packet.u32(1) + [0xFF, 0xFF, 1, 2], .truncated
      ),
      ("wrong id", Array(Packet.header(id: 0x9999, an: 2) + good[12...]), .idMismatch(expected: 0x1234, got: 0x9999)),
      ("64 KiB of 0xFF", Array(repeating: 0xFF, count: 65_536), .pointerLoop),
      ("64 KiB of zeros", Array(repeating: 0, count: 65_536), .notAResponse),
    ]
    for (label, bytes, expected) in cases {
      XCTAssertThrowsError(try parseAndValidate(bytes), label) { error in
        if let expected { XCTAssertEqual(error as? DNSMessageError, expected, label) }
      }
    }
  }

  /// Random packets and single-byte mutations of a real one: any result is fine, crashing or hanging is not.
  func testRandomAndMutatedPacketsNeverCrash() {
    var generator = SplitMix64(seed: 0x5EED)
    let good = Packet.privateLinkAnswer
    var errors = 0
    for round in 0..<3000 {
      var bytes: [UInt8]
      if round % 2 == 0 {
        bytes = (0..<Int(generator.next() % 700)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
      } else {
        bytes = good
        for _ in 0..<(1 + Int(generator.next() % 3)) {
          bytes[Int(generator.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: generator.next())
        }
      }
      if (try? DNSMessage.parse(bytes)) == nil { errors += 1 }
    }
    XCTAssertGreaterThan(errors, 1000)
  }

  func testChainLoopsAndOverlongChainsAreCaught() {
    let loop = [
      DNSResourceRecord(name: "a.test", ttl: 1, data: .cname("b.test")),
      DNSResourceRecord(name: "b.test", ttl: 1, data: .cname("A.test")),
      DNSResourceRecord(name: "a.test", ttl: 1, data: .a("192.0.2.1")),
    ]
    XCTAssertEqual(CNAMEChain(from: "a.test", records: loop, type: .a).problem, "CNAME loop at A.test")
    let long = (0..<20).map { DNSResourceRecord(name: "n\($0).test", ttl: 1, data: .cname("n\($0 + 1).test")) }
    let chain = CNAMEChain(from: "n0.test", records: long, type: .a)
    XCTAssertEqual(chain.cnames.count, CNAMEChain.maxLinks)
    XCTAssertEqual(chain.problem, "CNAME chain longer than 16 links")
    let sixteen = Array(long.prefix(16)) + [DNSResourceRecord(name: "n16.test", ttl: 9, data: .a("192.0.2.9"))]
    let fine = CNAMEChain(from: "n0.test", records: sixteen, type: .a)
    XCTAssertNil(fine.problem)
    XCTAssertEqual(fine.addresses.map(\.address.ip), ["192.0.2.9"])
  }

  private func parseAndValidate(_ bytes: [UInt8]) throws {
    try DNSMessage.parse(bytes).validate(answering: 0x1234, name: "contoso.azurecr.io", type: .a)
  }
}

/// A tiny seeded generator so the fuzz rounds are the same on every run.
private struct SplitMix64 {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Nameserver strings as resolv.conf and users write them; parsing only, nothing is sent.
final class NameserverAddressTests: XCTestCase {
  func testAcceptedForms() throws {
    let cases: [(String, Int32, UInt16)] = [
      ("10.0.0.2", AF_INET, 53), ("127.0.0.1:5353", AF_INET, 5353), ("[::1]:5353", AF_INET6, 5353),
      ("::1", AF_INET6, 53), ("[2001:db8::53]", AF_INET6, 53), (" 192.0.2.53 ", AF_INET, 53),
    ]
    for (text, family, port) in cases {
      let address = try XCTUnwrap(NameserverAddress(text), text)
      XCTAssertEqual(address.family, family, text)
      XCTAssertEqual(portOf(address), port, text)
    }
  }

  func testLinkLocalKeepsItsZone() throws {
    let address = try XCTUnwrap(NameserverAddress("fe80::1%lo"))
    let scope = withUnsafeBytes(of: address.storage) { $0.load(as: sockaddr_in6.self).sin6_scope_id }
    XCTAssertEqual(scope, if_nametoindex("lo"))
    XCTAssertNotEqual(scope, 0)
  }

  func testRejectedForms() {
    for text in ["", "[::1", "[::1]:", "[::1]x", "1.2.3.4:0", "1.2.3.4:99999", "1.2.3.4:dns", "ns1.example", "::1:53x"]
    {
      XCTAssertNil(NameserverAddress(text), text)
    }
  }

  private func portOf(_ address: NameserverAddress) -> UInt16 {
    withUnsafeBytes(of: address.storage) { raw in
      address.family == AF_INET
        ? UInt16(bigEndian: raw.load(as: sockaddr_in.self).sin_port)
        : UInt16(bigEndian: raw.load(as: sockaddr_in6.self).sin6_port)
    }
  }
}
