import DoctorCore
import FoundationEssentials

/// Turns what the five `az` calls printed into AzureFacts. Pure: tested with recorded outputs.
///
/// `az account show` and `az acr show` must succeed; the others add detail, and their failures are noted in
/// `error` without failing the probe (e.g. `replication list` refuses registries below Premium).
enum AzureCLIInterpreter {
  static func facts(from outputs: [AzureCLICall: CommandOutput], cancelled: Bool) -> AzureFacts {
    var facts = AzureFacts(state: .ok)
    func fail(_ state: AzureCLIState, _ message: String) -> AzureFacts {
      facts.state = state
      facts.error = redactSecrets(message)
      return facts
    }
    let ordered = AzureCLICall.allCases.compactMap { call in outputs[call].map { (call, $0) } }

    for (call, output) in ordered {
      if case .launchFailed(let why) = output.ending {
        return fail(.failed, "\(call.rawValue): \(why)")
      }
    }
    // One call asking for `az login` means none of them can be trusted.
    for (call, output) in ordered where output.failedExit && needsLogin(output.stderr) {
      return fail(.notLoggedIn, "\(call.rawValue): \(errorLine(output.stderr))")
    }
    let late = ordered.filter { $0.1.ending == .timedOut }.map(\.0.rawValue)
    if !late.isEmpty {
      let why =
        cancelled
        ? "stopped because the diagnosis was cancelled" : "did not finish before the deadline"
      return fail(.timeout, "\(late.joined(separator: ", ")) \(why); killed")
    }
    for (call, output) in ordered where output.ending == .outputTooLarge {
      return fail(
        .failed,
        "\(call.rawValue) printed more than \(BoundedCommand.defaultStdoutCap / 1_048_576) MiB")
    }

    var notes: [String] = []
    do {
      // Read first: it matters even when the registry is not in this subscription (a VNet's other subscription).
      if let provider = outputs[.providerShow] {
        if provider.succeeded {
          facts.providerRegistrationState = try AzureCLIOutput.registrationState(provider.stdout)
        } else {
          notes.append(failureNote(.providerShow, provider))
        }
      }
      guard let account = outputs[.accountShow], let show = outputs[.acrShow] else {
        return fail(.failed, "az account show or az acr show was not run")
      }
      guard account.succeeded else { return fail(.failed, failureNote(.accountShow, account)) }
      let subscription = try AzureCLIOutput.subscription(account.stdout)
      guard show.succeeded else {
        if isNotFound(show.stderr) {
          let where_ = subscriptionNamed(in: show.stderr) ?? subscription
          return fail(.failed, "registry not found in subscription \(where_)")
        }
        return fail(.failed, failureNote(.acrShow, show))
      }
      let config = try AzureCLIOutput.registry(show.stdout)
      apply(config, to: &facts)

      if let endpoints = outputs[.showEndpoints] {
        if endpoints.succeeded {
          facts.dataEndpoints = try AzureCLIOutput.dataEndpoints(endpoints.stdout)
          facts.regionalEndpoints = try AzureCLIOutput.regionalEndpoints(endpoints.stdout)
        } else {
          notes.append(failureNote(.showEndpoints, endpoints))
        }
      }
      if config.dataEndpointEnabled == true && facts.dataEndpoints.isEmpty {
        facts.dataEndpoints = config.dataEndpointHostNames
      }
      if config.dataEndpointEnabled != true { facts.dataEndpoints = [] }

      if let replicas = outputs[.replicationList] {
        if replicas.succeeded {
          facts.replicationRegions = try AzureCLIOutput.replicationRegions(replicas.stdout)
        } else if !replicas.stderr.contains("only supported for managed registries in Premium SKU") {
          notes.append(failureNote(.replicationList, replicas))
        }
      }
    } catch let error as UnexpectedAzureOutput {
      return fail(.failed, error.message)
    } catch {
      return fail(.failed, "unexpected output from az: \(error)")
    }
    facts.error = notes.isEmpty ? nil : redactSecrets(notes.joined(separator: "; "))
    return facts
  }

  private static func apply(_ config: RegistryNetworkConfig, to facts: inout AzureFacts) {
    facts.loginServer = config.loginServer
    facts.publicNetworkAccess = config.publicNetworkAccess
    facts.defaultAction = config.defaultAction
    facts.ipRules = config.ipRules
    facts.networkRuleBypassOptions = config.networkRuleBypassOptions
    facts.dataEndpointEnabled = config.dataEndpointEnabled
    facts.privateEndpointConnections = config.privateEndpointConnections
    facts.sku = config.sku
    facts.networkRuleBypassAllowedForTasks = config.networkRuleBypassAllowedForTasks
    facts.regionalEndpointsStatus = config.regionalEndpoints
    facts.provisioningState = config.provisioningState
    facts.privateEndpointConnectionsInProgress = config.privateEndpointConnectionsInProgress
  }

  /// `Please run 'az login' to setup account.`, and the expired-token messages that end with `az login`.
  static func needsLogin(_ stderr: String) -> Bool {
    stderr.contains("az login") || stderr.contains("Please run 'az login'")
  }

  static func isNotFound(_ stderr: String) -> Bool {
    stderr.contains("could not be found") || stderr.contains("ResourceNotFound")
      || stderr.contains("was not found")
  }

  /// `… could not be found in subscription 'Contoso Prod (0000…)'.` -> `Contoso Prod (0000…)`.
  static func subscriptionNamed(in stderr: String) -> String? {
    guard let range = stderr.literalRange(of: "in subscription '") else { return nil }
    let rest = stderr[range.upperBound...]
    guard let end = rest.firstIndex(of: "'") else { return nil }
    let name = String(rest[..<end])
    return name.isEmpty ? nil : name
  }

  /// The first line az printed on stderr, without its `ERROR: ` prefix, at most 300 characters.
  static func errorLine(_ stderr: String) -> String {
    let line =
      stderr.split(whereSeparator: \.isNewline).map { $0.trimmingSpaces }
      .first { !$0.isEmpty } ?? "(no message)"
    let text = line.hasPrefix("ERROR: ") ? String(line.dropFirst(7)) : line
    return String(text.prefix(300))
  }

  private static func failureNote(_ call: AzureCLICall, _ output: CommandOutput) -> String {
    if case .exited(let code) = output.ending {
      return "\(call.rawValue) failed (exit \(code)): \(errorLine(output.stderr))"
    }
    return "\(call.rawValue) failed: \(errorLine(output.stderr))"
  }
}

extension CommandOutput {
  var succeeded: Bool { ending == .exited(0) }
  var failedExit: Bool {
    if case .exited(let code) = ending { return code != 0 }
    return false
  }
}
