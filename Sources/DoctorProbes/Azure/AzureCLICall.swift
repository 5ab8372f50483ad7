/// The read-only `az` commands the Azure probe runs, with the exact argument vectors it passes.
enum AzureCLICall: String, Sendable, CaseIterable {
  case accountShow = "az account show"
  case acrShow = "az acr show"
  case showEndpoints = "az acr show-endpoints"
  case replicationList = "az acr replication list"
  case providerShow = "az provider show"

  /// Every call ends with these: no warnings mixed into the output, and JSON whatever the user's defaults say.
  static let commonFlags = ["--only-show-errors", "-o", "json"]

  /// The argument vector (without `az` itself). `registryName` is one element, never split or quoted.
  func arguments(registryName: String) -> [String] {
    let specific: [String]
    switch self {
    case .accountShow: specific = ["account", "show"]
    case .acrShow: specific = ["acr", "show", "--name", registryName]
    case .showEndpoints: specific = ["acr", "show-endpoints", "--name", registryName]
    case .replicationList: specific = ["acr", "replication", "list", "--registry", registryName]
    case .providerShow:
      specific = [
        "provider", "show", "--namespace", "Microsoft.ContainerRegistry", "--query",
        "registrationState",
      ]
    }
    return specific + Self.commonFlags
  }

  /// The user's `az config set defaults.…` values that change what these calls look at. An empty variable
  /// overrides the config file and means "no default": with `defaults.group` set, `az acr show --name` looks only
  /// in that group and answers ResourceNotFound for a registry elsewhere in the subscription.
  static let clearedDefaults = ["AZURE_DEFAULTS_GROUP", "AZURE_DEFAULTS_LOCATION", "AZURE_DEFAULTS_ACR"]

  /// The environment az runs with: the caller's, made non-interactive and quiet, without the user's defaults.
  static func environment(from base: [String: String]) -> [String: String] {
    var env = base
    for name in clearedDefaults { env[name] = "" }
    env["AZURE_CORE_NO_COLOR"] = "1"
    env["AZURE_CORE_ONLY_SHOW_ERRORS"] = "1"
    env["AZURE_CORE_COLLECT_TELEMETRY"] = "0"
    return env
  }
}
