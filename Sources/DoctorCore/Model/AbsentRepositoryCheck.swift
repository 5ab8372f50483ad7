// The pull's own requests beyond `/v2/`, asked without `--image`: after `/v2/` answered, the manifest of a
// repository that does not exist, anonymously. A registry answers it 401 (the challenge) or 404; a gateway that
// routes the repository paths to a dead upstream answers 502, 503 or 504 while `/v2/` is fine, and every pull fails
// (registry-server-error). Asked by ProbePlan (`http.login-server.repository`), read by EndpointView.

extension HTTPFacts {
  /// A name no registry holds. Fixed rather than random: two runs, and two looks of a watch, ask the same request
  /// and their reports compare.
  public static let absentRepositoryPath = "/v2/regdoctor-check-7d1f3a/manifests/latest"

  /// This exchange asked the absent repository's manifest, not `/v2/` or a token.
  public var asksAbsentRepository: Bool { requestPath == Self.absentRepositoryPath }

  /// A gateway's answer for an upstream it cannot reach (502, 503, 504). A 500 on a name that does not exist can
  /// be the registry's own quirk that a real pull never meets, so it does not count on the absent repository.
  public var isGatewayFailure: Bool {
    outcome == .response && [502, 503, 504].contains(statusCode ?? 0)
  }
}
