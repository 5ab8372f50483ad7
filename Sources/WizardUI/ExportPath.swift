import DoctorCore
import FoundationEssentials

/// `regdoctor-<registry>-<UTC timestamp>.md|json` in the current directory.
func defaultExportPath(_ state: AppState, format: ExportFormat) -> String {
  let target = state.report?.registry ?? state.target
  let name = target?.acrName ?? target?.host ?? "registry"
  let safe = String(name.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? $0 : "-" }.prefix(64))
  var calendar = Calendar(identifier: .gregorian)
  calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
  let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: state.config.now())
  let date = [(c.year, 4), (c.month, 2), (c.day, 2)].map { decimalDigits($0 ?? 0, width: $1) }.joined()
  let time = [c.hour, c.minute, c.second].map { decimalDigits($0 ?? 0, width: 2) }.joined()
  let stamp = date + "-" + time
  return "regdoctor-\(safe)-\(stamp).\(format.fileExtension)"
}
