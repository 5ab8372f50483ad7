import FoundationEssentials
import Glibc

/// Why a DNS message could not be built or read. Every malformed input ends here, never in a crash.
public enum DNSMessageError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The name cannot be asked (empty label, label > 63 bytes, name > 255 bytes).
  case invalidName(String)
  /// The packet ends before the header, a name, a record or the data its counts promise.
  case truncated
  /// A compression pointer leads outside the packet.
  case pointerOutOfRange
  /// Compression pointers that never end in a name.
  case pointerLoop
  /// A label length byte with the reserved 0b01/0b10 prefix (a label longer than 63).
  case badLabel
  /// A decoded name longer than 255 bytes.
  case nameTooLong
  /// The response's id is not the query's (a stray or spoofed packet).
  case idMismatch(expected: UInt16, got: UInt16)
  /// The response does not repeat the question asked.
  case questionMismatch
  /// The packet is a query, not a response.
  case notAResponse
  /// Record data whose length does not fit its type (an A record that is not 4 bytes).
  case badRecordData(type: UInt16)

  public var description: String {
    switch self {
    case .invalidName(let why): return "invalid name: \(why)"
    case .truncated: return "message truncated"
    case .pointerOutOfRange: return "compression pointer out of range"
    case .pointerLoop: return "compression pointer loop"
    case .badLabel: return "bad label (longer than 63 or reserved type)"
    case .nameTooLong: return "name longer than 255 bytes"
    case .idMismatch(let expected, let got): return "response id \(got) does not match query id \(expected)"
    case .questionMismatch: return "response question does not match the query"
    case .notAResponse: return "message is not a response"
    case .badRecordData(let type): return "bad record data for type \(type)"
    }
  }
}

/// Record types regdoctor asks for or follows; everything else is skipped.
public enum DNSRecordType: UInt16, Sendable {
  case a = 1
  case cname = 5
  case aaaa = 28
}

/// Response codes (RFC 1035 4.1.1) the resolvers tell apart.
public enum DNSResponseCode: UInt8, Sendable {
  case noError = 0
  case formatError = 1
  case serverFailure = 2
  case nameError = 3
  case notImplemented = 4
  case refused = 5
}

public struct DNSQuestion: Sendable, Equatable {
  public var name: String
  public var type: UInt16
  public var recordClass: UInt16
  public init(name: String, type: UInt16, recordClass: UInt16 = 1) {
    self.name = name
    self.type = type
    self.recordClass = recordClass
  }
}

public enum DNSRecordData: Sendable, Equatable {
  case a(String)
  case aaaa(String)
  case cname(String)
  /// A type regdoctor does not read (SOA, OPT, TXT...): kept only as its number.
  case other(type: UInt16)
}

public struct DNSResourceRecord: Sendable, Equatable {
  public var name: String
  public var ttl: UInt32
  public var data: DNSRecordData
  public init(name: String, ttl: UInt32, data: DNSRecordData) {
    self.name = name
    self.ttl = ttl
    self.data = data
  }
}

/// A DNS message as far as the resolvers need it: header bits, the question, and the answer section.
/// Authority and additional sections are walked (so their counts are checked) but not kept.
public struct DNSMessage: Sendable, Equatable {
  public static let headerSize = 12
  public var id: UInt16
  public var isResponse: Bool
  public var isTruncated: Bool
  public var recursionDesired: Bool
  public var recursionAvailable: Bool
  /// The 4-bit response code; see `responseCode` for the named ones.
  public var rcode: UInt8
  public var questions: [DNSQuestion]
  public var answers: [DNSResourceRecord]

  public var responseCode: DNSResponseCode? { DNSResponseCode(rawValue: rcode) }

  // MARK: Building a query

  /// A standard query for `name` with recursion desired and a random id, as `dig +noedns` sends it.
  public static func query(name: String, type: DNSRecordType, id: UInt16 = .random(in: 0...UInt16.max)) throws
    -> [UInt8]
  {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(DNSMessage.headerSize + name.utf8.count + 6)
    bytes.append(contentsOf: bigEndianBytes(id))
    bytes.append(contentsOf: [0x01, 0x00])  // QR=0, opcode QUERY, RD=1
    bytes.append(contentsOf: [0, 1, 0, 0, 0, 0, 0, 0])  // one question, no records
    bytes.append(contentsOf: try encodeName(name))
    bytes.append(contentsOf: bigEndianBytes(type.rawValue))
    bytes.append(contentsOf: [0, 1])  // class IN
    return bytes
  }

  /// `contoso.azurecr.io` (a trailing dot is allowed) in wire form, with the checks a resolver library makes.
  public static func encodeName(_ name: String) throws -> [UInt8] {
    let trimmed = name.hasSuffix(".") ? String(name.dropLast()) : name
    guard !trimmed.isEmpty else { throw DNSMessageError.invalidName("empty name") }
    var wire: [UInt8] = []
    for label in trimmed.split(separator: ".", omittingEmptySubsequences: false) {
      let bytes = Array(label.utf8)
      guard !bytes.isEmpty else { throw DNSMessageError.invalidName("empty label in \(name)") }
      guard bytes.count <= 63 else { throw DNSMessageError.invalidName("label longer than 63 bytes in \(name)") }
      wire.append(UInt8(bytes.count))
      wire.append(contentsOf: bytes)
    }
    wire.append(0)
    guard wire.count <= 255 else { throw DNSMessageError.invalidName("name longer than 255 bytes") }
    return wire
  }

  // MARK: Reading a response

  /// Parses a whole message. Throws on anything malformed; never reads outside `bytes`.
  public static func parse(_ bytes: [UInt8]) throws -> DNSMessage {
    var reader = DNSReader(bytes: bytes)
    let id = try reader.readUInt16()
    let flags = try reader.readUInt16()
    let questionCount = Int(try reader.readUInt16())
    let answerCount = Int(try reader.readUInt16())
    let authorityCount = Int(try reader.readUInt16())
    let additionalCount = Int(try reader.readUInt16())

    var message = DNSMessage(
      id: id, isResponse: flags & 0x8000 != 0, isTruncated: flags & 0x0200 != 0,
      recursionDesired: flags & 0x0100 != 0, recursionAvailable: flags & 0x0080 != 0,
      rcode: UInt8(flags & 0x000F), questions: [], answers: [])
    // Each loop consumes at least one byte per item or throws, so hostile counts cannot make it spin for long.
    for _ in 0..<questionCount {
      let name = try reader.readName()
      let type = try reader.readUInt16()
      let recordClass = try reader.readUInt16()
      message.questions.append(DNSQuestion(name: name, type: type, recordClass: recordClass))
    }
    for _ in 0..<answerCount { message.answers.append(try reader.readRecord()) }
    for _ in 0..<(authorityCount + additionalCount) { _ = try reader.readRecord() }
    return message
  }

  /// Checks that this message answers the query `id` for `name`/`type`: the guard against stray packets.
  public func validate(answering id: UInt16, name: String, type: DNSRecordType) throws {
    guard isResponse else { throw DNSMessageError.notAResponse }
    guard self.id == id else { throw DNSMessageError.idMismatch(expected: id, got: self.id) }
    guard questions.count == 1, let question = questions.first, question.type == type.rawValue,
      question.recordClass == 1, sameDNSName(question.name, name)
    else { throw DNSMessageError.questionMismatch }
  }
}

/// DNS names compare case-insensitively (ASCII only) and without the root dot.
func sameDNSName(_ lhs: String, _ rhs: String) -> Bool {
  func canonical(_ name: String) -> String {
    (name.hasSuffix(".") ? String(name.dropLast()) : name).lowercased()
  }
  return canonical(lhs) == canonical(rhs)
}

private func bigEndianBytes(_ value: UInt16) -> [UInt8] { [UInt8(value >> 8), UInt8(value & 0xFF)] }

/// A bounds-checked cursor over a received packet.
private struct DNSReader {
  let bytes: [UInt8]
  var offset = 0

  mutating func readUInt8() throws -> UInt8 {
    guard offset < bytes.count else { throw DNSMessageError.truncated }
    defer { offset += 1 }
    return bytes[offset]
  }

  mutating func readUInt16() throws -> UInt16 {
    guard offset + 2 <= bytes.count else { throw DNSMessageError.truncated }
    defer { offset += 2 }
    return UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
  }

  mutating func readUInt32() throws -> UInt32 {
    let high = try readUInt16()
    let low = try readUInt16()
    return UInt32(high) << 16 | UInt32(low)
  }

  mutating func readBytes(_ count: Int) throws -> ArraySlice<UInt8> {
    guard count >= 0, offset + count <= bytes.count else { throw DNSMessageError.truncated }
    defer { offset += count }
    return bytes[offset..<(offset + count)]
  }

  /// Reads a possibly compressed name at the cursor and leaves the cursor after it (after the first pointer).
  mutating func readName() throws -> String {
    let (name, end) = try decodeName(in: bytes, at: offset)
    offset = end
    return name
  }

  mutating func readRecord() throws -> DNSResourceRecord {
    let name = try readName()
    let type = try readUInt16()
    _ = try readUInt16()  // class
    let ttl = try readUInt32()
    let length = Int(try readUInt16())
    let start = offset
    let rdata = try readBytes(length)
    let data: DNSRecordData
    switch DNSRecordType(rawValue: type) {
    case .a:
      guard rdata.count == 4 else { throw DNSMessageError.badRecordData(type: type) }
      data = .a(rdata.map(String.init).joined(separator: "."))
    case .aaaa:
      guard rdata.count == 16, let text = ipv6Text(Array(rdata)) else {
        throw DNSMessageError.badRecordData(type: type)
      }
      data = .aaaa(text)
    case .cname:
      // The target may point back into the packet, so decode against the whole message, then check it
      // fits exactly in the record's data.
      let (target, end) = try decodeName(in: bytes, at: start)
      guard end == start + length else { throw DNSMessageError.badRecordData(type: type) }
      data = .cname(target)
    case nil:
      data = .other(type: type)
    }
    // RFC 2181: a TTL with the top bit set is treated as zero.
    return DNSResourceRecord(name: name, ttl: ttl & 0x8000_0000 == 0 ? ttl : 0, data: data)
  }
}

/// Decodes the name at `start`, following compression pointers. Returns the name (no trailing dot, `.` for the
/// root) and the offset just past the name where it started (past the first pointer if there was one).
private func decodeName(in bytes: [UInt8], at start: Int) throws -> (String, Int) {
  var labels: [String] = []
  var position = start
  var endOfName: Int? = nil
  var wireLength = 1  // the root byte
  var jumps = 0
  while true {
    guard position < bytes.count else { throw DNSMessageError.truncated }
    let length = bytes[position]
    switch length & 0xC0 {
    case 0xC0:
      guard position + 1 < bytes.count else { throw DNSMessageError.truncated }
      let target = Int(length & 0x3F) << 8 | Int(bytes[position + 1])
      guard target < bytes.count else { throw DNSMessageError.pointerOutOfRange }
      // A name has at most 127 labels, so more jumps than that can only be a loop.
      jumps += 1
      guard jumps <= 127 else { throw DNSMessageError.pointerLoop }
      if endOfName == nil { endOfName = position + 2 }
      position = target
    case 0x00:
      if length == 0 {
        let name = labels.isEmpty ? "." : labels.joined(separator: ".")
        return (name, endOfName ?? position + 1)
      }
      let labelStart = position + 1
      let labelEnd = labelStart + Int(length)
      guard labelEnd <= bytes.count else { throw DNSMessageError.truncated }
      wireLength += Int(length) + 1
      guard wireLength <= 255 else { throw DNSMessageError.nameTooLong }
      labels.append(labelText(bytes[labelStart..<labelEnd]))
      position = labelEnd
    default:
      throw DNSMessageError.badLabel
    }
  }
}

/// A label as dig prints it: printable ASCII as is, `.` and `\` escaped, anything else as `\DDD`.
private func labelText(_ bytes: ArraySlice<UInt8>) -> String {
  var text = ""
  for byte in bytes {
    switch byte {
    case UInt8(ascii: "."), UInt8(ascii: "\\"):
      text += "\\" + String(UnicodeScalar(byte))
    case 0x21...0x7E:
      text.unicodeScalars.append(UnicodeScalar(byte))
    default:
      let digits = String(byte)
      text += "\\" + String(repeating: "0", count: 3 - digits.count) + digits
    }
  }
  return text
}

/// IPv6 text in the canonical short form (`2001:db8::1`), via inet_ntop.
private func ipv6Text(_ bytes: [UInt8]) -> String? {
  guard bytes.count == 16 else { return nil }
  var address = in6_addr()
  withUnsafeMutableBytes(of: &address) { $0.copyBytes(from: bytes) }
  var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
  guard inet_ntop(AF_INET6, &address, &buffer, socklen_t(buffer.count)) != nil else { return nil }
  return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
