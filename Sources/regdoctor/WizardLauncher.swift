import DoctorCore
import DoctorProbes
import FoundationEssentials
import Glibc
import NcursesTerminal
import WizardUI

/// Runs the ncurses wizard on the main thread; probes run through the same engine as `diagnose`, on background
/// queues, and their events come back through the wizard's inbox.
func launchWizard(registry: String?, options: CommonOptions, environment env: [String: String]) throws {
  reexecWithQuietBacktracer(env)
  let unicode = NcursesTerminal.prepareLocale()
  let proxyEnvironment = ProxyEnvironment(environment: env)
  let config = WizardConfig(
    language: options.resolvedLanguage(env), symptoms: Runbook.symptoms, causes: Runbook.causes,
    validateRegistry: validateRegistry, matchError: { ErrorMatcher.symptoms(matching: $0) }, asciiOnly: !unicode,
    rediagnose: { base, azure in
      AzureRediagnosis.report(base: base, azure: azure, proxyEnvironment: proxyEnvironment)
    })
  let state = AppState(
    config: config, registry: registry ?? "", regions: options.regions + options.dataEndpoints,
    symptoms: try options.symptomIDs(), errorText: options.errorText ?? "")
  let inbox = WizardInbox()
  var cancellation: Cancellation?
  var watchCancellation: Cancellation?
  // Stops a command still running from the wizard when the wizard ends.
  let commandCancellation = Cancellation()

  let outcome = try runWizard(state: state, inbox: inbox) { effect in
    switch effect {
    case .startDiagnosis(let start):
      cancellation?.cancel()
      let c = Cancellation()
      cancellation = c
      var request = DiagnosisRequest(
        registry: start.registry, symptoms: start.symptoms, timeout: options.timeout, useAzureCLI: !options.noAzureCLI,
        language: start.language, environment: env, earlyStop: !options.noEarlyStop)
      request.pastedError = start.errorText.map(ErrorFacts.read)
      // --image was checked against the registry given on the command line; one typed in the wizard may differ.
      request.image = options.image.flatMap { try? ImageReference.parse($0, registry: start.registry) }
      DoctorEngine.start(request, cancellation: c) { event in
        switch event {
        case .started(let id, let title, let target):
          inbox.post(.probeStarted(run: start.run, id: id, title: title, target: target))
        case .finished(let result):
          inbox.post(.probeFinished(run: start.run, result))
        case .allDone:
          break
        }
      } onLikely: { conclusion in
        inbox.post(.likelyConclusion(run: start.run, conclusion, confirmingUntilSeconds: options.timeout))
      } onReport: { report in
        inbox.post(.reportReady(run: start.run, report))
      }
    case .cancelDiagnosis:
      cancellation?.cancel()
    case .startWatch(let watch):
      watchCancellation?.cancel()
      let c = Cancellation()
      watchCancellation = c
      let request = DiagnosisRequest(
        registry: watch.request.registry, symptoms: watch.request.symptoms, timeout: options.timeout,
        useAzureCLI: !options.noAzureCLI, language: watch.request.language, environment: env,
        earlyStop: !options.noEarlyStop)
      runWizardWatch(watch, request: request, cancellation: c, inbox: inbox)
    case .stopWatch:
      watchCancellation?.cancel()
    case .export(let job):
      do {
        try ReportOutput.write(
          ReportOutput.render(job.report, format: job.format == .json ? .json : .markdown, color: false), to: job.path)
        inbox.post(.exportFinished(.success(job.path)))
      } catch {
        inbox.post(.exportFinished(.failure(InputError("\(error)"))))
      }
    case .runCommand(let argv, let display):
      runConfirmedCommand(
        argv: argv, display: display, environment: env, cancellation: commandCancellation, inbox: inbox)
    case .quit:
      break
    }
  }
  cancellation?.cancel()
  watchCancellation?.cancel()
  commandCancellation.cancel()
  if let signal = outcome.signal { exit(128 + signal) }
}

/// Runs a command the user confirmed with `y`, on a thread of its own (it blocks for as long as the command runs),
/// and posts its outcome back to the wizard.
func runConfirmedCommand(
  argv: [String], display: String, environment: [String: String], cancellation: Cancellation, inbox: WizardInbox
) {
  runBlocking("wizard.command") {
    let outcome = WizardCommandRunner.run(
      argv: argv, environment: environment, timeoutSeconds: Double(wizardCommandTimeLimitSeconds),
      cancellation: cancellation)
    inbox.post(.commandFinished(display: display, exitCode: outcome.exitCode, output: outcome.output))
  }
}

/// The wizard's registry field and its "regions / data endpoints" field: names with a dot are data endpoint hosts,
/// the rest are regions.
@Sendable func validateRegistry(_ input: String, _ extras: [String]) -> Result<RegistryTarget, InputError> {
  let hosts = extras.filter { $0.contains(".") }
  let regions = extras.filter { !$0.contains(".") }
  do {
    return .success(try RegistryTarget.parse(input, regions: regions, dataEndpoints: hosts))
  } catch {
    return .failure(error)
  }
}

/// A crash inside the wizard must not leave Swift's interactive backtracer holding a terminal in raw mode: start
/// once more with the backtracer set to print and exit. Costs one exec, only for the wizard.
func reexecWithQuietBacktracer(_ env: [String: String]) {
  guard env["SWIFT_BACKTRACE"] == nil else { return }
  setenv("SWIFT_BACKTRACE", "interactive=no", 1)
  let args = CommandLine.arguments.map { strdup($0) } + [nil]
  execv("/proc/self/exe", args)
  // exec failed: carry on without it.
}
