// `--image REPO[:TAG]` or `REPO@sha256:HEX`: the repository reference a pull would name, checked with the grammar of
// the distribution spec (github.com/distribution/reference) so nothing that is not one reaches a request line.

/// An image in the registry being diagnosed: `team/app:1.2`, `hello`, `app@sha256:…`.
public struct ImageReference: Sendable, Equatable, Codable {
  /// `team/app` (with Docker Hub's `library/` for a one-component name).
  public let repository: String
  public let tag: String?
  /// `sha256:` followed by 64 hex digits.
  public let digest: String?

  public init(repository: String, tag: String? = nil, digest: String? = nil) {
    self.repository = repository
    self.tag = tag
    self.digest = digest
  }

  /// What goes after `/manifests/`: the digest, else the tag, else `latest`, as docker pull does.
  public var reference: String { digest ?? tag ?? "latest" }

  /// `team/app:1.2`, `app@sha256:…`.
  public var text: String {
    if let digest { return "\(repository)@\(digest)" }
    return "\(repository):\(tag ?? "latest")"
  }

  static let maxNameLength = 255
  static let maxTagLength = 128

  /// Parses what the user typed for `registry`. A leading registry host is allowed only when it is the registry
  /// being diagnosed (`contoso.azurecr.io/app:1`); any other is refused, since nothing here would probe it.
  public static func parse(_ input: String, registry: RegistryTarget) throws(InputError) -> ImageReference {
    let shown = quotedForMessage(input)
    let usage = "use REPO[:TAG] or REPO@sha256:DIGEST, e.g. --image team/app:1.2"
    guard !input.isEmpty else { throw InputError("--image needs a repository name: \(usage).") }
    guard input.count <= maxNameLength + maxTagLength + 72, input.unicodeScalars.allSatisfy({ $0.isASCII }) else {
      throw InputError("\(shown) is not an image reference: \(usage).")
    }
    var rest = Substring(input)
    var digest: String?
    if let at = rest.firstIndex(of: "@") {
      let value = String(rest[rest.index(after: at)...])
      guard isDigest(value) else {
        throw InputError("\(shown) has a digest that is not sha256: and 64 lower-case hex digits: \(usage).")
      }
      digest = value
      rest = rest[..<at]
    }
    var tag: String?
    if let colon = rest.lastIndex(of: ":"), !rest[rest.index(after: colon)...].contains("/") {
      let value = String(rest[rest.index(after: colon)...])
      guard isTag(value) else {
        throw InputError(
          "\(shown) has a tag that is not 1-128 letters, digits, '_', '.' or '-' (not starting with '.' or '-'): "
            + "\(usage).")
      }
      tag = value
      rest = rest[..<colon]
    }
    var components = rest.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    if components.count > 1, let first = components.first, looksLikeHost(first) {
      guard sameRegistry(first, registry) else {
        throw InputError(
          "\(shown) names the registry \(quotedForMessage(first)), not \(registry.loginServer): give the "
            + "repository only (\(usage)), or diagnose that registry.")
      }
      components.removeFirst()
    }
    guard !components.isEmpty, components.allSatisfy(isPathComponent) else {
      throw InputError(
        "\(shown) is not a repository name: lower-case letters and digits, separated by '.', '_', '__', '-' or "
          + "'/': \(usage).")
    }
    if case .dockerHub = registry.kind, components.count == 1 { components.insert("library", at: 0) }
    let repository = components.joined(separator: "/")
    guard repository.count <= maxNameLength else {
      throw InputError("\(shown) is longer than 255 characters: not a repository name.")
    }
    return ImageReference(repository: repository, tag: tag, digest: digest)
  }

  public static func isDigest(_ text: String) -> Bool {
    guard text.hasPrefix("sha256:") else { return false }
    let hex = text.dropFirst("sha256:".count)
    return hex.count == 64 && hex.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
  }

  /// `[\w][\w.-]{0,127}`
  static func isTag(_ text: String) -> Bool {
    guard let first = text.first, text.count <= maxTagLength, first != ".", first != "-" else { return false }
    return text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_.-".contains($0)) }
  }

  /// `[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*`
  static func isPathComponent(_ text: String) -> Bool {
    let alnum: (Character) -> Bool = { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
    guard let first = text.first, let last = text.last, alnum(first), alnum(last) else { return false }
    var separator = ""
    for c in text {
      if alnum(c) {
        guard
          separator.isEmpty || separator == "." || separator == "_" || separator == "__"
            || separator.allSatisfy({ $0 == "-" })
        else { return false }
        separator = ""
      } else if "._-".contains(c) {
        separator.append(c)
      } else {
        return false
      }
    }
    return true
  }

  /// Docker's rule: the first component is a registry when it has a `.` or a `:`, or is `localhost`.
  static func looksLikeHost(_ component: String) -> Bool {
    component.contains(".") || component.contains(":") || component == "localhost"
  }

  static func sameRegistry(_ component: String, _ registry: RegistryTarget) -> Bool {
    let lowered = component.lowercased()
    if lowered == registry.loginServer.lowercased() { return true }
    if case .dockerHub = registry.kind { return RegistryTarget.dockerHubHosts.contains(lowered) }
    return false
  }
}
