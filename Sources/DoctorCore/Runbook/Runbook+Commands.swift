extension Runbook {
  /// Command templates filled with `vars`, keeping only values that are safe on a shell line; a command whose
  /// placeholder has no (safe) value is dropped. The one filler for every command the wizard or a report shows.
  public static func fillCommands(_ templates: [String], vars: [String: String]) -> [String] {
    let safeVars = vars.filter { isShellSafe($0.value) }
    return templates.compactMap { fill($0, safeVars) }
  }
}
