import Dispatch
import DoctorCore
import DoctorProbes
import WizardUI

/// The wizard's watch (`w`): looks on a thread of its own, as `diagnose --watch` does, posting each look; ends by
/// itself at the first look that passes or when its bound runs out, or when cancelled (`w`, Esc, quitting).
func runWizardWatch(
  _ watch: WizardWatch, request: DiagnosisRequest, cancellation: Cancellation, inbox: WizardInbox
) {
  runBlocking("wizard.watch", qos: .userInitiated) {
    let looks = WatchLooks(request: request)
    let start = DispatchTime.now()
    let wake = DispatchSemaphore(value: 0)
    cancellation.onCancel { wake.signal() }
    while !cancellation.isCancelled {
      let (report, scope) = looks.look()
      guard !cancellation.isCancelled else { return }
      let rerun: [ProbeID]? = if case .only(let roots) = scope { roots } else { nil }
      let look = WatchLook(
        report: report, atMs: elapsedMs(since: start), rerun: rerun, heldBy: ResolverCaches.stillHeldBy(request))
      inbox.post(.watchLooked(watch: watch.watch, look))
      if !report.hasError { return }
      if elapsedMs(since: start) + watch.intervalSeconds * 1000 > watch.limitSeconds * 1000 {
        inbox.post(.watchEnded(watch: watch.watch))
        return
      }
      _ = wake.wait(timeout: .now() + watch.intervalSeconds)
    }
  }
}
