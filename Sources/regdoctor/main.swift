import ArgumentParser
import Foundation

// ArgumentParser exits 64 on usage errors; the contract says 2. Everything else keeps its meaning.
do {
  var command = try Regdoctor.parseAsRoot()
  try command.run()
} catch let failure as ToolFailure {
  FileHandle.standardError.write(Data("regdoctor: \(failure.description)\n".utf8))
  exit(3)
} catch {
  let code = Regdoctor.exitCode(for: error)
  if code == .success || error is ExitCode {
    Regdoctor.exit(withError: error)
  }
  FileHandle.standardError.write(Data((Regdoctor.fullMessage(for: error) + "\n").utf8))
  exit(code == .validationFailure ? 2 : 3)
}
