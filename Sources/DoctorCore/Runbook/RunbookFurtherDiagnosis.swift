// The article's "further diagnosis" and "advanced troubleshooting" sections as remedies with commands (their
// texts are shared remedies, Findings/SharedRemedies.swift).

extension Runbook {
  /// az acr check-health, az aks check-acr, "authentication problems look like network ones", and the
  /// ContainerRegistryLoginEvents query, in the article's order.
  public static let furtherDiagnosis: [RemedySpec] = [
    SharedRemedies.checkHealth,
    SharedRemedies.aksCheckACR,
    SharedRemedies.authenticationLooksLikeNetwork,
    SharedRemedies.loginEventsQuery,
  ]
}
