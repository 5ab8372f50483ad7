import DoctorCore
import FoundationEssentials

/// What systemd will give a service at its next start: the unit file, then its drop-ins in name order
/// (`Environment=`, then the `EnvironmentFile=` files, which win over `Environment=` as in systemd). Every file
/// read through BoundedFile; one that cannot be read or parsed is a fact, not a failure.
struct ServiceUnitEnvironment {
  /// Raw values (credentials included): for the probe only.
  var environment: [String: String] = [:]
  /// The files that set a proxy variable.
  var proxySources: [String] = []
  var files: [PullerConfigFacts.File] = []

  static let fileLimit = 1 << 20

  /// `etc/systemd/system/<unit>.service` (if any) and `etc/systemd/system/<unit>.service.d/*.conf`.
  static func read(unit: String, etc: String) -> ServiceUnitEnvironment {
    var result = ServiceUnitEnvironment()
    let unitFile = "\(etc)/systemd/system/\(unit).service"
    let directory = "\(etc)/systemd/system/\(unit).service.d"
    var paths = [unitFile]
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    paths += names.filter { $0.hasSuffix(".conf") }.sorted().map { "\(directory)/\($0)" }
    var assignments: [String: String] = [:]
    var environmentFiles: [(path: String, optional: Bool, from: String)] = []
    var setters: [String: String] = [:]
    for path in paths {
      switch BoundedFile.read(path, limit: fileLimit) {
      case .failure(.missing): continue
      case .failure(let failure):
        result.files.append(.init(path: path, state: .unreadable, note: failure.description))
      case .success(let bytes):
        let lines = ServiceEnvironmentParser.parseUnit(String(decoding: bytes, as: UTF8.self), path: path)
        if lines.resets { assignments = [:] }
        for (key, value) in lines.assignments {
          assignments[key] = value
          setters[key] = path
        }
        environmentFiles += lines.environmentFiles.map { ($0.path, $0.optional, path) }
        result.files.append(
          .init(path: path, state: lines.errors.isEmpty ? .read : .invalid, note: lines.errors.first))
      }
    }
    for file in environmentFiles {
      switch BoundedFile.read(file.path, limit: fileLimit) {
      case .success(let bytes):
        for (key, value) in ServiceEnvironmentParser.parseEnvironmentFile(String(decoding: bytes, as: UTF8.self)) {
          assignments[key] = value
          setters[key] = file.path
        }
        result.files.append(.init(path: file.path, state: .read, note: "EnvironmentFile of \(file.from)"))
      case .failure(.missing) where file.optional:
        continue
      case .failure(let failure):
        // systemd refuses to start the unit when a required EnvironmentFile is missing.
        let note =
          "EnvironmentFile of \(file.from) \(failure.description)" + (file.optional ? "" : ": the unit will not start")
        result.files.append(.init(path: file.path, state: .unreadable, note: note))
      }
    }
    result.environment = assignments
    let proxyNames = ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy"]
    var sources: [String] = []
    for name in proxyNames { if let s = setters[name], !sources.contains(s) { sources.append(s) } }
    result.proxySources = sources
    return result
  }
}
