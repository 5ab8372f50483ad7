// The message families users paste, one row each, built from real error lines of public issue threads (the corpus
// is Tests/DoctorCoreTests/Parsing/Fixtures/pasted-errors.tsv, every line with its thread). A row lists
// alternatives; each alternative is fragments that must all appear (case-insensitive, `word:` = standing alone).
// A row may need a fact read from the error, and may take back what a broader row said: `connection refused`
// after `proxyconnect tcp` is the proxy's, not the registry's, and a DNS server that refuses is not S2.
// Rows marked `rendering` are the known Japanese renderings of the same messages (Windows, glibc): the corpus
// has no real Japanese line, so they are not cited.

/// A family of error messages that mean the same thing.
public enum ErrorFamily: String, Sendable, CaseIterable {
  case dnsNameNotFound = "dns-name-not-found"
  case dnsServerFailing = "dns-server-failing"
  case privateLinkNameNotFound = "privatelink-name-not-found"
  case headersTimeout = "registry-timeout"
  case connectTimeout = "connect-timeout"
  case connectRefused = "connect-refused"
  case connectionReset = "connection-reset"
  case networkUnreachable = "network-unreachable"
  case privateEndpointUnreachable = "private-endpoint-unreachable"
  case proxyConnect = "proxy-connect"
  case proxyReasonPhrase = "proxy-reason-phrase"
  case proxyAuthentication = "proxy-authentication"
  case proxyDenyPage = "proxy-deny-page"
  case azureCLI = "azure-cli"
  case azureCLIPython = "azure-cli-python"
  case clientIPDenied = "client-ip-denied"
  case azureServicePull = "azure-service-pull"
  case acrTasks = "acr-tasks"
  case portalManage = "portal-manage"
  case portalNetworkSave = "portal-network-save"
  case networkRules = "network-rules"
  case defender = "defender"
  case x509 = "x509"
  case serverError = "server-error"
  case authentication = "authentication"
  case blobHost = "blob-host"
  case connectionClosed = "connection-closed"
  case invalidAddress = "invalid-address"
  case notARegistry = "not-a-registry"
}

/// A condition on the facts, for rows that fragments alone cannot decide.
enum FactCondition: Sendable, Equatable {
  /// Go's bare reason phrase after a URL: a proxy answered CONNECT.
  case reasonPhraseAfterURL
  /// A private endpoint is in sight: `privatelink` in the text, or a private address dialed for an ACR name.
  case privateEndpointInSight
  /// `lookup X on R:53` and the resolver itself failed (timeout, refused, unreachable).
  case resolverFailed
  /// A request URL followed by a bare `: EOF` / `: unexpected EOF`: the server or a device on the path closed the
  /// connection before an answer (not `proxyconnect tcp: EOF`, which is the proxy's).
  case closedAfterURL
}

struct ErrorPattern: Sendable {
  let family: ErrorFamily
  let alternatives: [[String]]
  let condition: FactCondition?
  let symptoms: [SymptomID]
  /// Finding ids of CONTRACT.md the message points at (some may not be in FindingID yet).
  let findings: [String]
  let takesBackSymptoms: [SymptomID]
  let takesBackFindings: [String]
  let rendering: Bool

  init(
    _ family: ErrorFamily, _ alternatives: [String]..., when condition: FactCondition? = nil,
    symptoms: [SymptomID] = [], findings: [String] = [], takesBack: [SymptomID] = [],
    takesBackFindings: [String] = [], rendering: Bool = false
  ) {
    self.family = family
    self.alternatives = alternatives.filter { !$0.isEmpty }.map { $0.map { $0.lowercased() } }
    self.condition = condition
    self.symptoms = symptoms
    self.findings = findings
    takesBackSymptoms = takesBack
    self.takesBackFindings = takesBackFindings
    self.rendering = rendering
  }
}

extension ErrorMatcher {
  static let table: [ErrorPattern] = [
    // S1: the name does not resolve (Go, glibc, curl, Docker Desktop, Windows).
    ErrorPattern(
      .dnsNameNotFound, ["no such host"], ["dial tcp: lookup"], ["temporary failure in name resolution"],
      ["name or service not known"], ["could not resolve host"], ["server misbehaving"], ["failed to lookup host"],
      ["getaddrinfo failed"], ["nodename nor servname provided"], symptoms: [.s1],
      findings: ["login-server-dns-failure"]),
    ErrorPattern(.dnsNameNotFound, ["そのようなホストは不明です"], ["名前解決に一時的に失敗しました"], symptoms: [.s1], rendering: true),
    // S1, not S2: the nameserver asked does not answer or refuses (`lookup X on [::1]:53: read: connection refused`).
    ErrorPattern(
      .dnsServerFailing, ["lookup "], when: .resolverFailed, symptoms: [.s1], findings: ["dns-server-unreachable"],
      takesBack: [.s2],
      takesBackFindings: [
        "login-server-dns-failure", "tcp-connect-timeout", "tcp-connect-refused", "blob-host-unreachable",
      ]),
    ErrorPattern(
      .privateLinkNameNotFound, ["privatelink", "no such host"], ["privatelink", "nxdomain"], symptoms: [.s1, .s11],
      findings: ["private-endpoint-dns-missing-record"], takesBackFindings: ["login-server-dns-failure"]),
    ErrorPattern(.azureCLI, ["connectivity_dns_error"], symptoms: [.s1, .s3]),
    // S2: no answer in time.
    ErrorPattern(
      .headersTimeout, ["client.timeout exceeded while awaiting headers"], ["timeout awaiting response headers"],
      ["request canceled while waiting for connection"], symptoms: [.s2]),
    ErrorPattern(
      .connectTimeout, ["i/o timeout"], ["context deadline exceeded"], ["tls handshake timeout"],
      ["connection timed out"], ["network timed out while trying to connect"], symptoms: [.s2]),
    ErrorPattern(
      .connectTimeout, ["dial tcp", "i/o timeout"], ["connect: connection timed out"], ["winerror 10060"],
      ["connected party did not properly respond after a period of time"], symptoms: [.s2],
      findings: ["tcp-connect-timeout"]),
    ErrorPattern(
      .connectTimeout, ["接続済みの呼び出し先が一定の時間を過ぎても正しく応答しなかったため"], symptoms: [.s2],
      findings: ["tcp-connect-timeout"], rendering: true),
    // S2: refused, reset, no route.
    ErrorPattern(
      .connectRefused, ["connection refused"], ["actively refused"], ["winerror 10061"], symptoms: [.s2],
      findings: ["tcp-connect-refused"]),
    ErrorPattern(
      .connectRefused, ["対象のコンピューターによって拒否されたため"], symptoms: [.s2], findings: ["tcp-connect-refused"], rendering: true),
    ErrorPattern(
      .connectionReset, ["connection reset by peer"], ["winerror 10054"], ["forcibly closed by the remote host"],
      symptoms: [.s2]),
    ErrorPattern(.connectionReset, ["既存の接続はリモート ホストに強制的に切断されました"], symptoms: [.s2], rendering: true),
    ErrorPattern(
      .networkUnreachable, ["no route to host"], ["network is unreachable"], ["host is unreachable"],
      symptoms: [.s2]),
    // S11: only with a private endpoint in sight; the article's own S11 text always.
    ErrorPattern(.privateEndpointUnreachable, ["host is not reachable"], symptoms: [.s11]),
    ErrorPattern(
      .privateEndpointUnreachable, ["i/o timeout"], ["no route to host"], ["network is unreachable"],
      ["host is unreachable"], ["connection refused"], when: .privateEndpointInSight, symptoms: [.s11],
      findings: ["private-endpoint-unreachable"], takesBackFindings: ["tcp-connect-timeout", "tcp-connect-refused"]),
    // S3: the Azure CLI: its own messages, az acr check-health codes, and Python's errors as az prints them.
    ErrorPattern(
      .azureCLI, ["could not connect to the registry login server"], ["connectivity_"], ["did not issue a challenge"],
      ["looks like you don't have access to registry"], ["access to registry", "was denied"],
      ["unable to get aad authorization tokens"], symptoms: [.s3]),
    ErrorPattern(
      .azureCLIPython, ["httpsconnectionpool("], ["max retries exceeded with url"], ["requests.exceptions."],
      ["remotedisconnected("], ["newconnectionerror("], symptoms: [.s3], takesBack: [.s2]),
    ErrorPattern(
      .azureCLIPython, ["sslerror("], ["certificate verify failed"], symptoms: [.s3],
      findings: ["tls-handshake-failed"], takesBack: [.s2]),
    ErrorPattern(
      .clientIPDenied, ["client with ip", "is not allowed access"], symptoms: [.s3],
      findings: ["registry-firewall-denies-client-ip"], takesBackFindings: ["network-ok-check-authentication"]),
    // S4: AKS, App Service, Container Apps, ACI, the kubelet's ACR credential provider, az aks check-acr.
    ErrorPattern(
      .azureServicePull, ["errimagepull"], ["imagepullbackoff"], ["imagepullfailure"], ["failed to pull image"],
      ["az aks check-acr"], ["dockerapiexception"], ["image pull failed"], ["pull image threw exception"],
      ["pulling docker image", "failed"], ["docker pull returned stderr"],
      ["unable to pull image using managed identity"],
      ["cannot access acr"], ["inaccessibleimage"],
      ["is not accessible. please check the image and registry credential"],
      ["azure_credentials.go"], ["error getting credentials from acr"], ["rejected token exchange"],
      ["validating image pull permission: failed"], ["failed to provision revision"], symptoms: [.s4]),
    // S5: the HTTPS proxy is in the way.
    ErrorPattern(.proxyConnect, ["proxyconnect tcp"], symptoms: [.s5], takesBack: [.s2]),
    ErrorPattern(
      .proxyConnect, ["proxyconnect tcp", "connection refused"], ["proxyconnect tcp", "no route to host"],
      ["proxyconnect tcp", "network is unreachable"], ["proxyconnect tcp", "i/o timeout"],
      ["proxyconnect tcp", "no such host"], symptoms: [.s5], findings: ["proxy-unreachable"], takesBack: [.s2],
      takesBackFindings: ["tcp-connect-refused", "tcp-connect-timeout", "login-server-dns-failure"]),
    ErrorPattern(
      .proxyConnect, ["proxyconnect tcp", "eof"], ["proxyconnect tcp", "connection reset by peer"], symptoms: [.s5],
      findings: ["proxy-connection-closed"], takesBack: [.s2]),
    ErrorPattern(
      .proxyConnect, ["proxyconnect tcp", "first record does not look like a tls handshake"],
      ["proxyconnect tcp", "server gave http response to https client"], symptoms: [.s5],
      findings: ["proxy-scheme-mismatch"], takesBack: [.s2]),
    ErrorPattern(
      .proxyReasonPhrase, when: .reasonPhraseAfterURL, symptoms: [.s5], findings: ["proxy-connect-denied"]),
    ErrorPattern(
      .proxyAuthentication, ["proxy authentication required"], ["word:407"], symptoms: [.s5],
      findings: ["proxy-connect-denied"]),
    ErrorPattern(
      .proxyAuthentication, ["プロキシ認証が必要です"], symptoms: [.s5], findings: ["proxy-connect-denied"], rendering: true),
    ErrorPattern(.proxyAuthentication, ["login attempt failed with status: 403 forbidden"], symptoms: [.s5]),
    ErrorPattern(
      .proxyDenyPage, ["err_access_denied"], ["err_cache_access_denied"], ["x-squid-error"],
      ["access control configuration prevents your request"], ["tcp_denied/"], ["is denied; last acl checked"],
      symptoms: [.s5], findings: ["proxy-connect-denied"]),
    ErrorPattern(.proxyDenyPage, ["(squid/"], symptoms: [.s5]),
    // S6, and an authorization phrase inside it is not S7.
    ErrorPattern(
      .portalNetworkSave, ["failed to save firewall and virtual network settings"], symptoms: [.s6],
      takesBack: [.s7, .s8]),
    ErrorPattern(
      .portalNetworkSave, ["ファイアウォールと仮想ネットワーク", "保存"], symptoms: [.s6], takesBack: [.s7, .s8], rendering: true),
    // S7: the registry cannot be viewed or managed.
    ErrorPattern(
      .portalManage, ["authorizationfailed"], ["does not have authorization to perform action"], ["could not be found"],
      ["resourcenotfound"], ["resourcegroupnotfound"], ["error loading repositories"],
      ["unable to send request for fetching repositories"], symptoms: [.s7]),
    // S8: network rules or public access settings cannot be changed.
    ErrorPattern(
      .networkRules, ["network rule"], ["networkrule"], ["network_rule_set"], ["iprules"], ["ip rule"],
      ["missingsubscriptionregistration"], symptoms: [.s8]),
    // S9: ACR Tasks.
    ErrorPattern(
      .acrTasks, ["az acr build"], ["az acr run"], ["az acr task"], ["acr task"], ["failed to push", "run id:"],
      ["run failed", "run id:"], ["failed to login, ran out of retries"], symptoms: [.s9]),
    // S10: Defender for Cloud.
    ErrorPattern(
      .defender, ["defender"], ["vulnerability assessment"], ["word:scan"], ["word:scanning"], ["word:scans"],
      symptoms: [.s10]),
    // No symptom of the article, but a finding: certificates, 5xx, authentication, blobs from another host.
    ErrorPattern(.x509, ["x509:"], findings: ["tls-handshake-failed"]),
    ErrorPattern(
      .x509, ["x509: certificate signed by unknown authority"],
      findings: ["puller-untrusted-certificate", "tls-interception"], takesBackFindings: ["tls-handshake-failed"]),
    ErrorPattern(
      .serverError, ["received unexpected http status: 5"], ["http code 502"], ["http code 503"], ["http code 504"],
      ["502 bad gateway"], ["503 service unavailable"], ["504 gateway time"], findings: ["registry-server-error"]),
    ErrorPattern(
      .authentication, ["unauthorized: authentication required"], ["unauthorized: "], ["response code: 401"],
      findings: ["network-ok-check-authentication"]),
    ErrorPattern(
      .blobHost, ["error pulling image configuration"], ["httpreadseeker"], ["/registry/v2/blobs/"],
      [".blob.core.windows.net"], ["failed to copy:"], findings: ["blob-host-unreachable"],
      takesBackFindings: ["tcp-connect-timeout", "tcp-connect-refused", "login-server-dns-failure"]),
    // A bare EOF after the request URL (`Get "https://…/v2/": EOF`, the token service's `unexpected EOF`): Go's
    // client saw the connection closed during the TLS handshake or before the response, by the server or by a
    // firewall or inspecting device that drops the session.
    ErrorPattern(.connectionClosed, when: .closedAfterURL, symptoms: [.s2], findings: ["tls-handshake-failed"]),
    // `dial tcp 0.0.3.179:443: connect: invalid argument`: the name resolved to an address no socket can dial (a
    // broken resolver answer, VPN or proxy software rewriting DNS): the lookup is the fault, not the registry.
    ErrorPattern(
      .invalidAddress, ["dial tcp 0.", "connect: invalid argument"], symptoms: [.s1],
      findings: ["login-server-dns-failure"]),
    // `login attempt to https://…/v2/ failed with status: 404 Not Found`: something answered HTTPS at that name
    // but it is not a registry (a web site such as hub.docker.com, a reverse proxy without /v2/, a wrong port).
    // The network is not the fault: no symptom, no finding, but named so the user sees it was understood.
    ErrorPattern(.notARegistry, ["login attempt to", "failed with status: 404"]),
    ErrorPattern(
      .blobHost, ["error pulling image configuration", "no such host"], ["httpreadseeker", "no such host"],
      findings: ["blob-host-dns-failure"], takesBackFindings: ["blob-host-unreachable"]),
  ]
}
