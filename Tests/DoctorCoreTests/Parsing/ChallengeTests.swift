import XCTest

@testable import DoctorCore

final class ChallengeTests: XCTestCase {
  /// header -> expected challenge
  private let accepted: [(String, AuthChallenge)] = [
    (
      #"Bearer realm="https://contoso.azurecr.io/oauth2/token",service="contoso.azurecr.io""#,
      AuthChallenge(
        scheme: "Bearer",
        parameters: [
          "realm": "https://contoso.azurecr.io/oauth2/token", "service": "contoso.azurecr.io",
        ])
    ),
    (
      #"Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull""#,
      AuthChallenge(
        scheme: "Bearer",
        parameters: [
          "realm": "https://auth.docker.io/token", "service": "registry.docker.io",
          "scope": "repository:library/alpine:pull",
        ])
    ),
    (
      #"bearer REALM="x" , Service = "y""#,
      AuthChallenge(scheme: "Bearer", parameters: ["realm": "x", "service": "y"])
    ),
    (
      #"BASIC realm="Registry Realm""#,
      AuthChallenge(scheme: "Basic", parameters: ["realm": "Registry Realm"])
    ),
    (#"Basic realm=registry"#, AuthChallenge(scheme: "Basic", parameters: ["realm": "registry"])),
    (
      #"Bearer realm="a,b,c",scope="x:y""#,
      AuthChallenge(scheme: "Bearer", parameters: ["realm": "a,b,c", "scope": "x:y"])
    ),
    (
      #"Bearer realm="say \"hi\" \\ bye""#,
      AuthChallenge(scheme: "Bearer", parameters: ["realm": #"say "hi" \ bye"#])
    ),
    (#"Bearer realm="""#, AuthChallenge(scheme: "Bearer", parameters: ["realm": ""])),
    (
      #"Bearer realm="x",,service="y","#,
      AuthChallenge(scheme: "Bearer", parameters: ["realm": "x", "service": "y"])
    ),
    (
      #"Bearer realm="first",realm="second""#,
      AuthChallenge(scheme: "Bearer", parameters: ["realm": "first"])
    ),
    (
      #"Bearer realm="x", Basic realm="y""#,
      AuthChallenge(scheme: "Bearer", parameters: ["realm": "x"])
    ),
    (
      #"WWW-Authenticate: Bearer realm="x""#,
      AuthChallenge(scheme: "Bearer", parameters: ["realm": "x"])
    ),
    ("Negotiate", AuthChallenge(scheme: "Negotiate", parameters: [:])),
    ("Negotiate YIIabc/+==", AuthChallenge(scheme: "Negotiate", parameters: [:])),
    (#"Bearer realm="東京""#, AuthChallenge(scheme: "Bearer", parameters: ["realm": "東京"])),
    ("  Bearer\trealm=\"x\"  ", AuthChallenge(scheme: "Bearer", parameters: ["realm": "x"])),
  ]

  func testParsesChallenges() {
    for (header, expected) in accepted {
      XCTAssertEqual(AuthChallenge.parse(header), expected, header)
    }
    XCTAssertEqual(
      AuthChallenge.parse(accepted[0].0)?.realm, "https://contoso.azurecr.io/oauth2/token")
    XCTAssertEqual(AuthChallenge.parse(accepted[0].0)?.service, "contoso.azurecr.io")
  }

  private let rejected: [String] = [
    "",
    "   ",
    #"realm="x""#,
    #"Bearer realm="unterminated"#,
    #"Bearer realm="x" service="y""#,
    #"Bearer realm="x",=y"#,
    #"Bearer ="x""#,
    #"Bearer realm="x";rm -rf /"#,
    #"Bearer realm=$(id)"#,
    #"Bearer realm=<x>"#,
    #"Bearer realm="x\"#,
    "Bearer realm=\"line\nbreak\"",
    "Bearer realm=\"nul\u{0}\"",
    "Bea\u{7}rer realm=\"x\"",
    "Bearer\u{202E} realm=\"x\"",
    #""Bearer" realm="x""#,
    "Bearerrealm=\"x\"",
    #"Bearer realm=x y"#,
    "Bearer realm=\"" + String(repeating: "a", count: 20_000) + "\"",
  ]

  func testRejectsMalformedHeaders() {
    for header in rejected {
      XCTAssertNil(AuthChallenge.parse(header), header.prefix(60).debugDescription)
    }
  }

  func testManyParametersStayBounded() {
    let header = "Bearer " + (0..<1000).map { "p\($0)=\"v\"" }.joined(separator: ",")
    XCTAssertEqual(AuthChallenge.parse(header)?.parameters.count, 1000)
  }
}
