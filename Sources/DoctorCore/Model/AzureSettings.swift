// The registry's settings as Azure Resource Manager prints them (`az acr show`, `az provider show`): each a few
// known words the rules compare, and any other word kept as printed (a newer API value, a typo in an answer), so a
// report shows exactly what az said.

/// One of an Azure setting's words. Known words are recognised whatever their case (as the rules always did);
/// `rawValue` is the word as az prints it.
public protocol AzureSettingWord: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral,
  CustomStringConvertible
where RawValue == String {
  /// The words this build knows; every other is `other`.
  static var known: [Self] { get }
  static func other(_ word: String) -> Self
}

extension AzureSettingWord {
  public init(rawValue: String) { self = Self.reading(rawValue) }
  public init(stringLiteral value: String) { self = Self.reading(value) }

  private static func reading(_ word: String) -> Self {
    let lowered = word.lowercased()
    return known.first { $0.rawValue.lowercased() == lowered } ?? .other(word)
  }
  public var description: String { rawValue }
}

/// `publicNetworkAccess`.
public enum PublicNetworkAccess: AzureSettingWord {
  case enabled, disabled
  case other(String)
  public static let known: [Self] = [.enabled, .disabled]
  public var rawValue: String {
    switch self {
    case .enabled: return "Enabled"
    case .disabled: return "Disabled"
    case .other(let word): return word
    }
  }
}

/// `networkRuleSet.defaultAction`: what a client no rule names gets.
public enum NetworkDefaultAction: AzureSettingWord {
  case allow, deny
  case other(String)
  public static let known: [Self] = [.allow, .deny]
  public var rawValue: String {
    switch self {
    case .allow: return "Allow"
    case .deny: return "Deny"
    case .other(let word): return word
    }
  }
}

/// `networkRuleBypassOptions`: whether trusted Azure services pass the network rules.
public enum NetworkRuleBypass: AzureSettingWord {
  case azureServices, noServices
  case other(String)
  public static let known: [Self] = [.azureServices, .noServices]
  public var rawValue: String {
    switch self {
    case .azureServices: return "AzureServices"
    case .noServices: return "None"
    case .other(let word): return word
    }
  }
}

/// `registrationState` of a resource provider in a subscription.
public enum ProviderRegistrationState: AzureSettingWord {
  case registered, notRegistered, registering, unregistering
  case other(String)
  public static let known: [Self] = [.registered, .notRegistered, .registering, .unregistering]
  public var rawValue: String {
    switch self {
    case .registered: return "Registered"
    case .notRegistered: return "NotRegistered"
    case .registering: return "Registering"
    case .unregistering: return "Unregistering"
    case .other(let word): return word
    }
  }
}

/// A resource's `provisioningState`: `Succeeded` once a change is applied, `Updating` while it is.
public enum ProvisioningState: AzureSettingWord {
  case succeeded, updating, creating, deleting, failed, canceled
  case other(String)
  public static let known: [Self] = [.succeeded, .updating, .creating, .deleting, .failed, .canceled]
  public var rawValue: String {
    switch self {
    case .succeeded: return "Succeeded"
    case .updating: return "Updating"
    case .creating: return "Creating"
    case .deleting: return "Deleting"
    case .failed: return "Failed"
    case .canceled: return "Canceled"
    case .other(let word): return word
    }
  }
}
