// Keeping the page answering during long work: the pane's thread must never be held over 100 ms (a
// click on 取消 waits that long at most), so loops over 100,000 rows give the page a turn when their
// slice of time is used up, rather than after a fixed count of rows (rows cost more or less by machine
// and by content).

/** Work between two turns of the page, in ms: far under 100 ms, with room for a GC pause and a slow laptop. */
export const SLICE_MS = 20;

/**
 * Lets the page breathe (paint, a click on 取消). A message-channel task rather than setTimeout(0),
 * which browsers clamp to 4 ms once timers nest: dozens of slices would add up.
 */
export function yieldToPage(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** A loop's clock: `due()` once the current slice has used its time; `pause()` gives the page a turn. */
export interface Pace {
  due(): boolean;
  pause(): Promise<void>;
}

/** Rows between two looks at the clock (reading the clock costs more than writing a cell). */
export const ROWS_PER_LOOK = 256;

export function pace(
  pause: () => Promise<void> = yieldToPage,
  sliceMs = SLICE_MS,
  now: () => number = () => performance.now(),
): Pace {
  let since = now();
  return {
    due: () => now() - since >= sliceMs,
    async pause() {
      await pause();
      since = now();
    },
  };
}
