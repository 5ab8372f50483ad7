extension Runbook {
  /// Command templates filled with `vars`, keeping only values that are safe on a shell line; a command whose
  /// placeholder has no (safe) value is dropped. The one filler for every command the wizard or a report shows.
  public static func fillCommands(_ templates: [String], vars: [TemplateVariable: String]) -> [String] {
    let safeVars = shellSafe(vars)
    return templates.compactMap { fill($0, safeVars) }
  }

  /// Only the values that cannot change the meaning of a shell line: what every filler fills with.
  public static func shellSafe(_ vars: [TemplateVariable: String]) -> [TemplateVariable: String] {
    vars.filter { isShellSafe($0.value) }
  }
}
