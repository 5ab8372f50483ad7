import Dispatch
import DoctorCore
import FoundationEssentials

/// regdoctor's view of the registry's Azure side, read through the Azure CLI: network rules, private endpoints,
/// data endpoints, replicas, and whether Microsoft.ContainerRegistry is registered in the current subscription.
///
/// Read-only and non-interactive: only `show`/`list` commands, stdin from /dev/null, no shell, every call bounded
/// by the diagnosis deadline.
public enum AzureProbe {
  public static func run(registry: RegistryTarget, context: ProbeContext, azPath: String? = nil)
    -> AzureFacts
  {
    guard let name = registry.acrName else {
      return AzureFacts(
        state: .disabled,
        error:
          "\(registry.loginServer) is not an Azure Container Registry; the Azure CLI is not asked")
    }
    guard let az = azPath ?? findExecutable("az", searchPath: context.environment["PATH"]) else {
      return AzureFacts(state: .notInstalled, error: "az (the Azure CLI) was not found on PATH")
    }
    if context.isExpired {
      return AzureFacts(
        state: .timeout, error: "no time left before the deadline to ask the Azure CLI")
    }
    let outputs = runConcurrently(az: az, registryName: name, context: context)
    return AzureCLIInterpreter.facts(from: outputs, cancelled: context.cancellation.isCancelled)
  }

  /// Runs the probe and wraps its facts as the ProbeResult reports and rules read.
  public static func probe(registry: RegistryTarget, context: ProbeContext, azPath: String? = nil)
    -> ProbeResult
  {
    let start = DispatchTime.now()
    let facts = run(registry: registry, context: context, azPath: azPath)
    return probeResult(facts, registry: registry, durationMs: elapsedMs(since: start))
  }

  public static func probeResult(_ facts: AzureFacts, registry: RegistryTarget, durationMs: Double)
    -> ProbeResult
  {
    ProbeResult(
      id: .azureRegistry, target: registry.acrName ?? registry.loginServer,
      status: status(of: facts.state),
      durationMs: durationMs, summary: summary(of: facts), details: details(of: facts),
      facts: .azure(facts))
  }

  // MARK: Running az

  /// The five calls are independent; each is bounded by the same deadline, so together they are too.
  private static func runConcurrently(az: String, registryName: String, context: ProbeContext)
    -> [AzureCLICall: CommandOutput]
  {
    let environment = AzureCLICall.environment(from: context.environment)
    let results = OutputTable()
    let group = DispatchGroup()
    for call in AzureCLICall.allCases {
      group.enter()
      // Threads of their own: each blocks for as long as az runs, which Dispatch's worker pool must not absorb.
      runBlocking("azure.\(call)") {
        let output = BoundedCommand.run(
          executable: az, arguments: call.arguments(registryName: registryName),
          environment: environment,
          deadline: context.deadline, cancellation: context.cancellation)
        results.set(call, output)
        group.leave()
      }
    }
    group.wait()
    return results.all
  }

  /// The first executable `name` in a PATH-style list. Empty entries (the current directory) are skipped on purpose.
  static func findExecutable(_ name: String, searchPath: String?) -> String? {
    guard let searchPath else { return nil }
    for dir in searchPath.split(separator: ":", omittingEmptySubsequences: true)
    where dir.hasPrefix("/") {
      let candidate = "\(dir)/\(name)"
      var isDirectory = false
      if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory),
        !isDirectory,
        FileManager.default.isExecutableFile(atPath: candidate)
      {
        return candidate
      }
    }
    return nil
  }

  // MARK: Reporting

  private static func status(of state: AzureCLIState) -> ProbeStatus {
    switch state {
    case .ok, .answeredByUser: return .pass
    case .disabled, .notInstalled, .notLoggedIn: return .skip
    case .failed, .timeout: return .error
    }
  }

  private static func summary(of facts: AzureFacts) -> String {
    switch facts.state {
    case .ok:
      let access =
        facts.publicNetworkAccess == .disabled ? "public access disabled" : "public access enabled"
      let rules = facts.defaultAction.map { "default action \($0)" } ?? "no network rules"
      let pe = "\(facts.privateEndpointConnections) private endpoint(s)"
      return "\(facts.loginServer ?? "registry"): \(access), \(rules), \(pe)"
    case .disabled: return facts.error ?? "Azure CLI not used"
    case .notInstalled: return "Azure CLI not installed"
    case .notLoggedIn: return "Azure CLI not logged in (az login)"
    case .failed: return "Azure CLI failed: \(facts.error ?? "unknown error")"
    case .timeout: return "Azure CLI did not answer before the deadline"
    case .answeredByUser: return "answered by the user instead of the Azure CLI"
    }
  }

  private static func details(of facts: AzureFacts) -> [Detail] {
    var d: [Detail] = [Detail("state", facts.state.rawValue)]
    func add(_ key: String, _ value: String?) { if let value { d.append(Detail(key, value)) } }
    add("error", facts.error)
    add("loginServer", facts.loginServer)
    add("sku", facts.sku)
    add("publicNetworkAccess", facts.publicNetworkAccess?.rawValue)
    add("networkRuleSet.defaultAction", facts.defaultAction?.rawValue)
    if !facts.ipRules.isEmpty {
      add("networkRuleSet.ipRules", facts.ipRules.joined(separator: ", "))
    }
    add("networkRuleBypassOptions", facts.networkRuleBypassOptions?.rawValue)
    add("networkRuleBypassAllowedForTasks", facts.networkRuleBypassAllowedForTasks.map { String($0) })
    add("regionalEndpoints", facts.regionalEndpointsStatus)
    if !facts.regionalEndpoints.isEmpty {
      add("regionalEndpointHosts", facts.regionalEndpoints.joined(separator: ", "))
    }
    add("dataEndpointEnabled", facts.dataEndpointEnabled.map { String($0) })
    if !facts.dataEndpoints.isEmpty {
      add("dataEndpoints", facts.dataEndpoints.joined(separator: ", "))
    }
    if !facts.replicationRegions.isEmpty {
      add("replications", facts.replicationRegions.joined(separator: ", "))
    }
    if facts.state == .ok {
      add("privateEndpointConnections", String(facts.privateEndpointConnections))
    }
    add("Microsoft.ContainerRegistry", facts.providerRegistrationState?.rawValue)
    return d
  }
}

/// Results of the concurrent calls, filled from several threads.
private final class OutputTable: @unchecked Sendable {
  private let lock = ThreadLock()
  private var outputs: [AzureCLICall: CommandOutput] = [:]
  func set(_ call: AzureCLICall, _ output: CommandOutput) {
    lock.withLock { outputs[call] = output }
  }
  var all: [AzureCLICall: CommandOutput] { lock.withLock { outputs } }
}
