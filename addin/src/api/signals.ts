// AbortSignal.any (WebKit 17.4+) and AbortSignal.timeout (WebKit 16+) are missing from the older
// system WebKit that Excel on Mac uses for add-ins; these do the same with an AbortController.

/** A signal that aborts after `ms`; `clear()` it when the work is done, so no timer outlives it. */
export function timeoutSignal(ms: number): { signal: AbortSignal; clear: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException('timed out', 'TimeoutError')), ms);
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}

/**
 * A signal that aborts as soon as any of `signals` does (with that signal's reason). Call
 * `dispose()` when the work it guards settles: otherwise each call leaves a listener on a
 * long-lived signal (the batch or user signal), one per request, until that signal aborts.
 */
export function anySignal(signals: readonly AbortSignal[]): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  for (const s of signals) {
    if (s.aborted) {
      controller.abort(s.reason);
      return { signal: controller.signal, dispose: () => {} };
    }
  }
  const dispose = () => {
    for (const s of signals) s.removeEventListener('abort', onAbort);
  };
  const onAbort = (event: Event) => {
    controller.abort((event.target as AbortSignal).reason);
    dispose();
  };
  for (const s of signals) s.addEventListener('abort', onAbort, { once: true });
  return { signal: controller.signal, dispose };
}
