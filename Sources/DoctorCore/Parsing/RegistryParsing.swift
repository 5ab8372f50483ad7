// REGISTRY as typed by the user: an ACR name, an ACR login server, Docker Hub, or any OCI registry host[:port].

extension RegistryTarget {
  /// The clouds' ACR domains: public, US Government, China.
  static let acrSuffixes = ["azurecr.io", "azurecr.us", "azurecr.cn"]
  static let dockerHubHosts: Set<String> = ["docker.io", "index.docker.io", "registry-1.docker.io"]
  /// Where Docker Hub pulls go (dockerd's DefaultV2Registry), whichever of `dockerHubHosts` was typed.
  public static let dockerHubRegistryHost = "registry-1.docker.io"
  /// More than any real registry has replicas; keeps hostile input from growing the probe plan without bound.
  static let maxDataEndpoints = 64

  /// Understands `contoso`, `contoso.azurecr.io`, `https://contoso.azurecr.io/`, `docker.io`, `ghcr.io`,
  /// `registry.example.com:5000`, `[::1]:5000`. `regions` become the data endpoints of those ACR replicas;
  /// `dataEndpoints` are extra hosts. Throws a message that says what is wrong and what to type instead.
  public static func parse(
    _ input: String, regions: [String] = [], dataEndpoints: [String] = []
  ) throws(InputError) -> RegistryTarget {
    var target = try parseRegistry(input)
    var extra: [String] = []
    if regions.count + dataEndpoints.count > maxDataEndpoints {
      throw InputError("Too many regions and data endpoints: give at most \(maxDataEndpoints).")
    }
    for region in regions {
      let name = try validateRegion(region)
      guard let host = target.dataEndpoint(region: name) else {
        throw InputError(
          "--region only applies to Azure Container Registry, and \(quotedForMessage(target.loginServer)) is not one; "
            + "use --data-endpoint HOST to check another host.")
      }
      extra.append(host)
    }
    for raw in dataEndpoints { extra.append(try validateDataEndpoint(raw)) }
    for host in extra where !target.dataEndpoints.contains(host) {
      target.dataEndpoints.append(host)
    }
    return target
  }

  private static func parseRegistry(_ raw: String) throws(InputError) -> RegistryTarget {
    let input = raw.trimmingWhitespace
    if input.isEmpty {
      throw InputError(
        "Give a registry: an ACR name (contoso), a login server (contoso.azurecr.io) or a registry host (ghcr.io)."
      )
    }
    if input.utf8.count > 300 {
      throw InputError(
        "The registry \(quotedForMessage(input)) is too long to be a host name (at most 253 characters)."
      )
    }
    let hostPortText = try stripURLDecoration(input, what: "registry")
    let (hostText, portText): (Substring, Substring?)
    switch splitHostPort(Substring(hostPortText)) {
    case .success(let parts): (hostText, portText) = parts
    case .failure(let shape):
      throw InputError("The registry \(quotedForMessage(input)) is not valid: \(shape.reason).")
    }
    let host = hostText.lowercased()
    if hostPortText.hasPrefix("[") && ipv6Bytes(host) == nil {
      throw InputError(
        "The registry \(quotedForMessage(input)) is not valid: only an IPv6 address goes in brackets."
      )
    }
    if let problem = hostNameProblem(host) {
      throw InputError(
        "The registry \(quotedForMessage(input)) is not a valid host name: \(problem).")
    }
    var port = 443
    if let portText {
      guard let value = parsePort(portText) else {
        throw InputError(
          "The registry \(quotedForMessage(input)) has an invalid port \(quotedForMessage(String(portText))); "
            + "a port is a number from 1 to 65535.")
      }
      port = value
    }
    if hostText.contains(":") || isIPLiteral(host) || host == "localhost" {
      return RegistryTarget(input: input, kind: .generic, host: host, port: port)
    }
    if !host.contains(".") && portText == nil { return try acrFromName(host, input: input) }
    if let acr = try acrFromLoginServer(host, port: port, input: input) { return acr }
    if dockerHubHosts.contains(host) {
      guard port == 443 else {
        throw InputError(
          "Docker Hub listens on port 443 only; drop the port from \(quotedForMessage(input)).")
      }
      return RegistryTarget(input: input, kind: .dockerHub, host: dockerHubRegistryHost)
    }
    return RegistryTarget(input: input, kind: .generic, host: host, port: port)
  }

  /// A bare word is an ACR name: 5-50 letters and digits (Azure's rule), compared without case.
  private static func acrFromName(_ name: String, input: String) throws(InputError)
    -> RegistryTarget
  {
    guard isValidACRName(name) else {
      throw InputError(
        "The registry \(quotedForMessage(input)) is not a valid ACR name: ACR names are 5 to 50 letters and digits. "
          + "For another registry, give its host name (registry.example.com).")
    }
    return RegistryTarget(
      input: input, kind: .acr(name: name, suffix: "azurecr.io"), host: "\(name).azurecr.io")
  }

  private static func acrFromLoginServer(_ host: String, port: Int, input: String)
    throws(InputError)
    -> RegistryTarget?
  {
    guard let suffix = acrSuffixes.first(where: { host == $0 || host.hasSuffix("." + $0) }) else {
      return nil
    }
    let prefix = host == suffix ? "" : String(host.dropLast(suffix.count + 1))
    let labels = prefix.split(separator: ".")
    if labels.count == 3, labels[2] == "data" {
      throw InputError(
        "The registry \(quotedForMessage(input)) is a data endpoint; give the login server \(labels[0]).\(suffix) "
          + "and --region \(labels[1]).")
    }
    if labels.count == 2, labels[1] == "privatelink" {
      throw InputError(
        "The registry \(quotedForMessage(input)) is the private link name; give the name clients use, \(labels[0]).\(suffix)."
      )
    }
    guard labels.count == 1, isValidACRName(prefix) else {
      throw InputError(
        "The registry \(quotedForMessage(input)) is not a valid ACR login server: it must be <name>.\(suffix), "
          + "where the name is 5 to 50 letters and digits.")
    }
    guard port == 443 else {
      throw InputError(
        "ACR login servers listen on port 443 only; drop :\(port) from \(quotedForMessage(input)).")
    }
    return RegistryTarget(input: input, kind: .acr(name: prefix, suffix: suffix), host: host)
  }

  static func isValidACRName(_ name: String) -> Bool {
    (5...50).contains(name.utf8.count)
      && name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
  }

  private static func validateRegion(_ raw: String) throws(InputError) -> String {
    let region = raw.trimmingWhitespace.lowercased()
    let valid =
      (2...40).contains(region.utf8.count)
      && region.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
    guard valid else {
      throw InputError(
        "The region \(quotedForMessage(raw)) is not valid: Azure regions are 2 to 40 letters and digits, "
          + "like japaneast or westeurope.")
    }
    return region
  }

  private static func validateDataEndpoint(_ raw: String) throws(InputError) -> String {
    let input = raw.trimmingWhitespace
    if input.isEmpty {
      throw InputError(
        "A data endpoint is empty; give a host name like contoso.japaneast.data.azurecr.io.")
    }
    if input.utf8.count > 300 {
      throw InputError(
        "The data endpoint \(quotedForMessage(input)) is too long to be a host name.")
    }
    var host = try stripURLDecoration(input, what: "data endpoint").lowercased()
    if host.hasPrefix("[") && host.hasSuffix("]") {
      host = String(host.dropFirst().dropLast())
      guard ipv6Bytes(host) != nil else {
        throw InputError(
          "The data endpoint \(quotedForMessage(input)) is not valid: only an IPv6 address goes in brackets."
        )
      }
    }
    if let problem = hostNameProblem(host) {
      let hint =
        host.contains(":") && !isIPLiteral(host)
        ? " (data endpoints are host names, without a port)" : ""
      throw InputError(
        "The data endpoint \(quotedForMessage(input)) is not a valid host name: \(problem)\(hint).")
    }
    return host
  }

  /// Tolerates what people paste: `https://` in front and a `/` behind. Refuses other schemes, paths,
  /// credentials, and characters that only make sense to a shell.
  private static func stripURLDecoration(_ input: String, what: String) throws(InputError) -> String {
    var text = Substring(input)
    if let range = text.literalRange(of: "://") {
      let scheme = text[..<range.lowerBound].lowercased()
      guard scheme == "https" else {
        throw InputError(
          "The \(what) \(quotedForMessage(input)) starts with \(quotedForMessage(scheme + "://")); "
            + "registries are reached over HTTPS, so give only the host (or https://host).")
      }
      text = text[range.upperBound...]
    }
    if text.hasSuffix("/") { text = text.dropLast() }
    if text.contains("@") {
      throw InputError(
        "The \(what) \(quotedForMessage(input)) contains '@': give only the host, never credentials."
      )
    }
    // Characters first: `$(touch /tmp/x)` is a shell command, not a host with a path, and the message names '$'.
    for scalar in text.unicodeScalars where scalar != "/" && !isAllowedInHostPort(scalar) {
      throw InputError(
        "The \(what) \(quotedForMessage(input)) contains \(describeCharacter(scalar)); "
          + "a registry is a host name with an optional :port.")
    }
    if let slash = text.firstIndex(of: "/") {
      throw InputError(
        "The \(what) \(quotedForMessage(input)) has a path; give only the host, like \(quotedForMessage(String(text[..<slash])))."
      )
    }
    return String(text)
  }

  private static func isAllowedInHostPort(_ s: Unicode.Scalar) -> Bool {
    switch s {
    case "a"..."z", "A"..."Z", "0"..."9", "-", ".", "_", ":", "[", "]": return true
    default:
      return !s.isASCII && s.properties.generalCategory != .control
        && s.properties.generalCategory != .format
    }
  }
}

extension StringProtocol {
  /// Trims spaces, tabs and line breaks at both ends (what a paste drags along).
  public var trimmingWhitespace: String {
    let scalars = String(self).unicodeScalars
    guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
      let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })
    else { return "" }
    return String(scalars[start...end])
  }
}
