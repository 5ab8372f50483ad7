import Foundation

/// `regdoctor-<registry>-<UTC timestamp>.md|json` in the current directory.
func defaultExportPath(_ state: AppState, format: ExportFormat) -> String {
  let target = state.report?.registry ?? state.target
  let name = target?.acrName ?? target?.host ?? "registry"
  let safe = String(name.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? $0 : "-" }.prefix(64))
  var calendar = Calendar(identifier: .gregorian)
  calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
  let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: state.config.now())
  let stamp = String(
    format: "%04d%02d%02d-%02d%02d%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0,
    c.second ?? 0)
  return "regdoctor-\(safe)-\(stamp).\(format.fileExtension)"
}
