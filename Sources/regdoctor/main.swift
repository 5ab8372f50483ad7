import ArgumentParser
import FoundationEssentials
import Glibc

// ArgumentParser exits 64 on usage errors; the contract says 2. Everything else keeps its meaning.
do {
  var command = try Regdoctor.parseAsRoot()
  try command.run()
} catch let failure as ToolFailure {
  writeStandardError("regdoctor: \(failure.description)\n")
  exit(3)
} catch {
  let code = Regdoctor.exitCode(for: error)
  if code == .success || error is ExitCode {
    Regdoctor.exit(withError: error)
  }
  writeStandardError(Regdoctor.fullMessage(for: error) + "\n")
  exit(code == .validationFailure ? 2 : 3)
}
