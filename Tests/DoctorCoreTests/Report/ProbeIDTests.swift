import Foundation
import XCTest

@testable import DoctorCore

/// The ids the plan builds are spelled as the contract's reports always spelled them, and know what they are about.
final class ProbeIDTests: XCTestCase {
  let login = Endpoint(host: "contoso.azurecr.io", role: .loginServer)
  let data = Endpoint(host: "contoso.japaneast.data.azurecr.io", role: .dataEndpoint, label: "data-endpoint.japaneast")

  func testEveryFamilyIsSpelledAsBefore() {
    let spelled: [(ProbeID, String)] = [
      (.hostsFile, "hosts.file"), (.nameservers, "dns.nameservers"), (.dockerDaemon, "docker.daemon"),
      (.azureRegistry, "azure.registry"), (.pullImage, "pull.image"), (.dns(login), "dns.login-server"),
      (.resolvers(login), "dns.resolvers.login-server"),
      (.tcp(data, "20.1.2.3"), "tcp.data-endpoint.japaneast.20.1.2.3"),
      (.tls(login), "tls.login-server"), (.tls(login, viaProxy: true), "tls.login-server.via-proxy"),
      (.http(login), "http.login-server"), (.http(data, viaProxy: true), "http.data-endpoint.japaneast.via-proxy"),
      (.proxy(login), "proxy.login-server"), (.puller(.containerd), "puller.containerd"),
      (.pullerPath(.docker, login), "puller.docker.login-server"),
      (.pullerPath(.pastedError, login), "puller.pasted-error.login-server"),
    ]
    for (id, text) in spelled {
      XCTAssertEqual(id.rawValue, text)
      XCTAssertEqual(id, ProbeID(rawValue: text), "equal to the id read from its text")
      XCTAssertEqual("\(id)", text)
    }
    XCTAssertEqual(Set(spelled.map(\.0)).count, spelled.count)
  }

  func testABuiltIdKnowsItsEndpointAndFamily() {
    XCTAssertEqual(ProbeID.dns(data).family, .dns)
    XCTAssertEqual(ProbeID.dns(data).endpointLabel, "data-endpoint.japaneast")
    XCTAssertEqual(ProbeID.proxy(label: "login-server"), .proxy(login))
    XCTAssertEqual(ProbeID.nameservers.family, .nameservers, "not a DNS probe of an endpoint")
    XCTAssertNil(ProbeID.nameservers.endpointLabel)
    XCTAssertNil(ProbeID(rawValue: "dns.login-server").family, "text alone is not parsed")
  }

  func testItsJSONIsThePlainString() throws {
    let encoded = try JSONEncoder().encode([ProbeID.tcp(login, "203.0.113.10")])
    XCTAssertEqual(String(decoding: encoded, as: UTF8.self), #"["tcp.login-server.203.0.113.10"]"#)
    XCTAssertEqual(try JSONDecoder().decode([ProbeID].self, from: encoded), ["tcp.login-server.203.0.113.10"])
  }
}
