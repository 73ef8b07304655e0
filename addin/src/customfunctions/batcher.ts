// Collects the custom-function calls Excel makes in one recalculation into few requests:
// identical calls are asked once, at most `cap` distinct calls go in one request, and when a
// request fails every call waiting on it is rejected (no cell is left at #BUSY!).
export interface BatcherOptions<Req, Res> {
  /** Sends one request for these distinct calls; answers one result per call, in order. */
  send: (calls: Req[]) => Promise<Res[]>;
  /** Calls with equal keys are the same question. */
  key: (call: Req) => string;
  /** Most distinct calls in one request. */
  cap: number;
  /** How long to wait for more calls of the same recalculation before sending. */
  delayMs?: number;
}

interface Pending<Req, Res> {
  call: Req;
  waiters: { resolve: (r: Res) => void; reject: (e: unknown) => void }[];
}

export function createBatcher<Req, Res>(options: BatcherOptions<Req, Res>) {
  if (!(options.cap >= 1)) throw new Error('cap must be at least 1');
  let queue = new Map<string, Pending<Req, Res>>();
  let timer: ReturnType<typeof setTimeout> | null = null;

  async function sendChunk(chunk: Pending<Req, Res>[]) {
    try {
      const results = await options.send(chunk.map((p) => p.call));
      if (results.length !== chunk.length) {
        throw new Error(`expected ${chunk.length} results, got ${results.length}`);
      }
      chunk.forEach((p, i) => p.waiters.forEach((w) => w.resolve(results[i] as Res)));
    } catch (error) {
      chunk.forEach((p) => p.waiters.forEach((w) => w.reject(error)));
    }
  }

  function flush(): Promise<void> {
    timer = null;
    const pending = [...queue.values()];
    queue = new Map();
    const sends: Promise<void>[] = [];
    for (let i = 0; i < pending.length; i += options.cap)
      sends.push(sendChunk(pending.slice(i, i + options.cap)));
    return Promise.all(sends).then(() => undefined);
  }

  return {
    call(call: Req): Promise<Res> {
      return new Promise<Res>((resolve, reject) => {
        const k = options.key(call);
        const existing = queue.get(k);
        if (existing) existing.waiters.push({ resolve, reject });
        else queue.set(k, { call, waiters: [{ resolve, reject }] });
        if (timer === null) timer = setTimeout(flush, options.delayMs ?? 10);
      });
    },
    /** Sends what is queued now (tests, and callers that know the burst is over). */
    flush(): Promise<void> {
      if (timer !== null) clearTimeout(timer);
      return flush();
    },
  };
}
