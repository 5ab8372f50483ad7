import DoctorCore
import FoundationEssentials

/// Output of an `az` command that is not what that command prints: the probe reports it, never crashes on it.
struct UnexpectedAzureOutput: Error, Equatable {
  let message: String
}

/// The parts of `az acr show` the diagnosis reads.
struct RegistryNetworkConfig: Equatable {
  var loginServer: String
  var publicNetworkAccess: PublicNetworkAccess?
  var defaultAction: NetworkDefaultAction?
  var ipRules: [String]
  var networkRuleBypassOptions: NetworkRuleBypass?
  var dataEndpointEnabled: Bool?
  var dataEndpointHostNames: [String]
  var privateEndpointConnections: Int
  var sku: String?
  var networkRuleBypassAllowedForTasks: Bool? = nil
  var regionalEndpoints: String? = nil
  var provisioningState: ProvisioningState? = nil
  var privateEndpointConnectionsInProgress: [String] = []
}

/// Parsers for the JSON the Azure CLI prints with `-o json`. Unknown fields are ignored (the CLI adds fields
/// with every API version); a field we read that has the wrong type is an error, not a guess.
enum AzureCLIOutput {
  /// `az account show` -> `Name (subscription-id)`, as az itself names a subscription in its messages.
  static func subscription(_ data: Data) throws -> String {
    let account = try object(data, command: "az account show")
    let name = try string(account, "name", in: "az account show")
    let id = try string(account, "id", in: "az account show")
    switch (name, id) {
    case (let name?, let id?): return "\(name) (\(id))"
    case (let one?, nil), (nil, let one?): return one
    case (nil, nil):
      throw UnexpectedAzureOutput(message: "az account show: no subscription name or id")
    }
  }

  static func registry(_ data: Data) throws -> RegistryNetworkConfig {
    let cmd = "az acr show"
    let registry = try object(data, command: cmd)
    guard let loginServer = try string(registry, "loginServer", in: cmd), isHostName(loginServer)
    else {
      throw UnexpectedAzureOutput(message: "\(cmd): no valid loginServer in the output")
    }
    let ruleSet = try optionalObject(registry, "networkRuleSet", in: cmd)
    var ipRules: [String] = []
    for (i, rule) in try objects(ruleSet ?? [:], "ipRules", in: cmd).enumerated() {
      // The CLI prints the SDK's name (`ipAddressOrRange`); the REST API's is `value`.
      guard
        let range = try string(rule, "ipAddressOrRange", in: cmd) ?? string(rule, "value", in: cmd)
      else {
        throw UnexpectedAzureOutput(
          message: "\(cmd): networkRuleSet.ipRules[\(i)] has no ipAddressOrRange")
      }
      ipRules.append(range)
    }
    let hostNames = try strings(registry, "dataEndpointHostNames", in: cmd)
    if let bad = hostNames.first(where: { !isHostName($0) }) {
      throw UnexpectedAzureOutput(
        message: "\(cmd): dataEndpointHostNames has an invalid host name \(quoted(bad))")
    }
    var config = RegistryNetworkConfig(
      loginServer: loginServer,
      publicNetworkAccess: try string(registry, "publicNetworkAccess", in: cmd).map {
        PublicNetworkAccess(rawValue: $0)
      },
      defaultAction: try string(ruleSet ?? [:], "defaultAction", in: cmd).map { NetworkDefaultAction(rawValue: $0) },
      ipRules: ipRules,
      networkRuleBypassOptions: try string(registry, "networkRuleBypassOptions", in: cmd).map {
        NetworkRuleBypass(rawValue: $0)
      },
      dataEndpointEnabled: try bool(registry, "dataEndpointEnabled", in: cmd),
      dataEndpointHostNames: hostNames,
      privateEndpointConnections: try objects(registry, "privateEndpointConnections", in: cmd)
        .count,
      sku: try optionalObject(registry, "sku", in: cmd).flatMap { try string($0, "name", in: cmd) })
    // Printed by current CLIs (API 2025-): absent from older ones, so optional.
    config.networkRuleBypassAllowedForTasks = try bool(registry, "networkRuleBypassAllowedForTasks", in: cmd)
    config.regionalEndpoints = try string(registry, "regionalEndpoints", in: cmd)
    config.provisioningState = try string(registry, "provisioningState", in: cmd).map {
      ProvisioningState(rawValue: $0)
    }
    config.privateEndpointConnectionsInProgress = try objects(registry, "privateEndpointConnections", in: cmd)
      .compactMap { try connectionInProgress($0, in: cmd) }
    return config
  }

  /// A private endpoint connection still being set up (`provisioningState` not `Succeeded`) or not approved yet
  /// (`privateLinkServiceConnectionState.status` `Pending`): `name: provisioning Updating, connection Pending`.
  private static func connectionInProgress(_ connection: [String: Any], in cmd: String) throws -> String? {
    let provisioning = try string(connection, "provisioningState", in: cmd)
    let status = try optionalObject(connection, "privateLinkServiceConnectionState", in: cmd)
      .flatMap { try string($0, "status", in: cmd) }
    var parts: [String] = []
    if let provisioning, provisioning != "Succeeded" { parts.append("provisioning \(provisioning)") }
    if let status, status == "Pending" { parts.append("connection \(status)") }
    guard !parts.isEmpty else { return nil }
    let name = try string(connection, "name", in: cmd) ?? "private endpoint connection"
    return "\(name): \(parts.joined(separator: ", "))"
  }

  /// `az acr show-endpoints` -> the per-replica login servers (`contoso.japaneast.geo.azurecr.io`) when regional
  /// endpoints are enabled; none otherwise (older CLIs do not print the list).
  static func regionalEndpoints(_ data: Data) throws -> [String] {
    let cmd = "az acr show-endpoints"
    let endpoints = try object(data, command: cmd)
    return try objects(endpoints, "regionalEndpoints", in: cmd).enumerated().map { i, entry in
      guard let host = try string(entry, "endpoint", in: cmd), isHostName(host) else {
        throw UnexpectedAzureOutput(message: "\(cmd): regionalEndpoints[\(i)] has no valid endpoint")
      }
      return host
    }
  }

  /// `az acr show-endpoints` -> the dedicated data endpoint hosts. Without dedicated endpoints the CLI lists
  /// `*.blob.core.windows.net` per region: a firewall wildcard, not a host to probe, so those are left out.
  static func dataEndpoints(_ data: Data) throws -> [String] {
    let cmd = "az acr show-endpoints"
    let endpoints = try object(data, command: cmd)
    var hosts: [String] = []
    for (i, entry) in try objects(endpoints, "dataEndpoints", in: cmd).enumerated() {
      guard let host = try string(entry, "endpoint", in: cmd) else {
        throw UnexpectedAzureOutput(message: "\(cmd): dataEndpoints[\(i)] has no endpoint")
      }
      if host.hasPrefix("*.") { continue }
      guard isHostName(host) else {
        throw UnexpectedAzureOutput(
          message: "\(cmd): dataEndpoints[\(i)] is not a host name: \(quoted(host))")
      }
      hosts.append(host)
    }
    return hosts
  }

  /// `az acr replication list` -> the replica regions (`japaneast`), home region included.
  static func replicationRegions(_ data: Data) throws -> [String] {
    let cmd = "az acr replication list"
    guard let list = try json(data, command: cmd) as? [Any] else {
      throw UnexpectedAzureOutput(message: "\(cmd): expected a JSON array")
    }
    return try list.enumerated().map { i, item in
      guard let replica = item as? [String: Any],
        let location = try string(replica, "location", in: cmd)
      else {
        throw UnexpectedAzureOutput(message: "\(cmd): replication \(i) has no location")
      }
      return location
    }
  }

  /// `az provider show --query registrationState` prints one JSON string: `"Registered"`.
  static func registrationState(_ data: Data) throws -> ProviderRegistrationState {
    guard let state = try json(data, command: "az provider show") as? String, !state.isEmpty else {
      throw UnexpectedAzureOutput(
        message: "az provider show: expected a JSON string (registrationState)")
    }
    return ProviderRegistrationState(rawValue: state)
  }

  // MARK: Typed access

  private static func json(_ data: Data, command: String) throws -> Any {
    guard let value = JSONAny.parse(data, fragmentsAllowed: true) else {
      throw UnexpectedAzureOutput(
        message: "\(command) printed something that is not JSON: \(preview(data))")
    }
    return value
  }

  private static func object(_ data: Data, command: String) throws -> [String: Any] {
    guard let object = try json(data, command: command) as? [String: Any] else {
      throw UnexpectedAzureOutput(
        message: "\(command): expected a JSON object, got \(preview(data))")
    }
    return object
  }

  /// The value for `key`, with JSON null read as absent.
  private static func value(_ object: [String: Any], _ key: String) -> Any? {
    guard let v = object[key], !(v is JSONNull) else { return nil }
    return v
  }

  private static func wrongType(_ key: String, _ expected: String, _ command: String)
    -> UnexpectedAzureOutput
  {
    UnexpectedAzureOutput(message: "\(command): \(key) is not \(expected)")
  }

  private static func string(_ object: [String: Any], _ key: String, in command: String) throws
    -> String?
  {
    guard let v = value(object, key) else { return nil }
    guard let s = v as? String else { throw wrongType(key, "a string", command) }
    return s
  }

  private static func bool(_ object: [String: Any], _ key: String, in command: String) throws
    -> Bool?
  {
    guard let v = value(object, key) else { return nil }
    // Only true/false are accepted, not numbers (JSONAny keeps the two apart).
    guard let b = v as? Bool else { throw wrongType(key, "true or false", command) }
    return b
  }

  private static func optionalObject(_ object: [String: Any], _ key: String, in command: String)
    throws
    -> [String: Any]?
  {
    guard let v = value(object, key) else { return nil }
    guard let o = v as? [String: Any] else { throw wrongType(key, "an object", command) }
    return o
  }

  private static func objects(_ object: [String: Any], _ key: String, in command: String) throws
    -> [[String: Any]]
  {
    guard let v = value(object, key) else { return [] }
    guard let list = v as? [Any] else { throw wrongType(key, "an array", command) }
    return try list.map {
      guard let o = $0 as? [String: Any] else {
        throw wrongType(key, "an array of objects", command)
      }
      return o
    }
  }

  private static func strings(_ object: [String: Any], _ key: String, in command: String) throws
    -> [String]
  {
    guard let v = value(object, key) else { return [] }
    guard let list = v as? [Any] else { throw wrongType(key, "an array", command) }
    return try list.map {
      guard let s = $0 as? String else { throw wrongType(key, "an array of strings", command) }
      return s
    }
  }

  /// A DNS name regdoctor may later probe: letters, digits, `-` and `.`, at most 253 characters.
  static func isHostName(_ s: String) -> Bool {
    guard !s.isEmpty, s.utf8.count <= 253, !s.hasPrefix("."), !s.hasPrefix("-") else {
      return false
    }
    return s.unicodeScalars.allSatisfy { c in
      ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || c == "-"
        || c == "."
    }
  }

  /// The first characters of unexpected output, on one line, for an error message.
  static func preview(_ data: Data) -> String {
    let text = String(decoding: data.prefix(80), as: UTF8.self)
      .replacingLiteral("\n", with: " ").trimmingSpaces
    if text.isEmpty { return "(empty output)" }
    return quoted(text + (data.count > 80 ? "…" : ""))
  }

  private static func quoted(_ s: String) -> String { "'\(s.prefix(120))'" }
}
