import NIOCore
import XCTest

@testable import DoctorProbes

final class HTTPWireTests: XCTestCase {
  func testInboxKeepsNoMoreThanItsCapacity() {
    let inbox = ByteInbox(capacity: 1024)
    for _ in 0..<64 { inbox.append(ByteBuffer(repeating: 0x61, count: 16 * 1024)) }
    XCTAssertEqual(inbox.snapshot.bytes.count, 1024)
    XCTAssertEqual(inbox.snapshot.droppedBytes, 64 * 16 * 1024 - 1024)
  }

  func testHeadScan() {
    let response = Array(
      "HTTP/1.1 401 Unauthorized\r\nWww-Authenticate: Bearer realm=\"x\"\r\nContent-Length: 2\r\n\r\n{}"
        .utf8)
    guard case .complete(let head, let length) = scanResponseHead(response, limit: 1024) else {
      return XCTFail("head not found")
    }
    XCTAssertEqual(head.statusCode, 401)
    XCTAssertEqual(head.reasonPhrase, "Unauthorized")
    XCTAssertEqual(head.header("www-authenticate"), "Bearer realm=\"x\"")
    XCTAssertEqual(head.contentLength, 2)
    XCTAssertEqual(length, response.count - 2)
    guard case .incomplete = scanResponseHead(Array(response.prefix(20)), limit: 1024) else {
      return XCTFail()
    }
    guard case .notHTTP = scanResponseHead([0x15, 0x03, 0x03], limit: 1024) else {
      return XCTFail()
    }
    guard case .notHTTP = scanResponseHead(Array("HTTP/1.1 abc\r\n\r\n".utf8), limit: 1024) else {
      return XCTFail()
    }
    let endless =
      Array("HTTP/1.1 200 OK\r\n".utf8) + Array(repeating: UInt8(ascii: "a"), count: 2000)
    guard case .tooLarge = scanResponseHead(endless, limit: 1024) else { return XCTFail() }
  }

  func testChunkedDecoding() {
    let body = Array("4\r\nWiki\r\n5;ext=1\r\npedia\r\n0\r\n\r\n".utf8)
    let decoded = decodeChunked(body[...])
    XCTAssertTrue(decoded.complete)
    XCTAssertEqual(String(decoding: decoded.body, as: UTF8.self), "Wikipedia")
    let partial = decodeChunked(body.prefix(12))
    XCTAssertFalse(partial.complete)
    XCTAssertEqual(String(decoding: partial.body, as: UTF8.self), "Wiki")
  }

  func testTLSRecordAndSchemeWording() {
    XCTAssertTrue(isTLSRecord([0x15, 0x03, 0x01]))
    XCTAssertFalse(isTLSRecord(Array("HTTP/1.1".utf8)))
    XCTAssertNotNil(
      plainToTLSPortWording(Array("Client sent an HTTP request to an HTTPS server.\n".utf8)))
    XCTAssertNil(plainToTLSPortWording(Array("ERR_ACCESS_DENIED".utf8)))
  }
}
