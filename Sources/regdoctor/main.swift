import ArgumentParser
import FoundationEssentials
import Glibc

releaseRelocationTable()

// One malloc arena for all threads (issue 12): glibc gives each thread that allocates an arena of its own, and the
// probes' threads each dirtied pages of one (0.4 MB of peak RSS); regdoctor allocates little, so sharing costs
// nothing. mallopt is in <malloc.h>, which Glibc's module does not export; M_ARENA_MAX is -8 there.
if let mallopt = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") {
  _ = unsafeBitCast(mallopt, to: (@convention(c) (Int32, Int32) -> Int32).self)(-8, 1)
}

// ArgumentParser exits 64 on usage errors; the contract says 2. Everything else keeps its meaning.
do {
  var command = try Regdoctor.parseAsRoot()
  do {
    try command.run()
  } catch let invalid as ValidationError {
    // Thrown by run() (the registry, --image, --output are checked there), ArgumentParser would show the root's
    // usage ("regdoctor <subcommand>"); the user typed a subcommand's options, so show that one's.
    // The wizard is the default: its user typed `regdoctor REGISTRY`, not `regdoctor wizard`.
    let subcommand = type(of: command)
    let isDefault = subcommand == Wizard.self || subcommand == Regdoctor.self
    let usage = isDefault ? "regdoctor [<options>] [<registry>]" : Regdoctor.usageString(for: subcommand)
    let name = isDefault ? "regdoctor" : "regdoctor \(subcommand._commandName)"
    writeStandardError(
      "Error: \(invalid.message)\nUsage: \(usage)\n  See '\(name) --help' for more information.\n")
    exit(2)
  }
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
