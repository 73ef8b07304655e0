// AbortSignal.any (WebKit 17.4+) and AbortSignal.timeout (WebKit 16+) are missing from the older
// system WebKit that Excel on Mac uses for add-ins; these do the same with an AbortController.

/** A signal that aborts after `ms`; `clear()` it when the work is done, so no timer outlives it. */
export function timeoutSignal(ms: number): { signal: AbortSignal; clear: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException('timed out', 'TimeoutError')), ms);
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}

/** A signal that aborts as soon as any of `signals` does (with that signal's reason). */
export function anySignal(signals: readonly AbortSignal[]): AbortSignal {
  const controller = new AbortController();
  for (const s of signals) {
    if (s.aborted) {
      controller.abort(s.reason);
      return controller.signal;
    }
  }
  const onAbort = (event: Event) => {
    controller.abort((event.target as AbortSignal).reason);
    for (const s of signals) s.removeEventListener('abort', onAbort);
  };
  for (const s of signals) s.addEventListener('abort', onAbort, { once: true });
  return controller.signal;
}
