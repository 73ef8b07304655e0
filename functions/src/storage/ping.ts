import { createServiceClient, storageTarget, storageTargetKey, type StorageTarget } from './client';
import { storageTimeoutMs } from './deadline';

export type StorageStatus = 'ok' | 'unreachable';

export interface PingOptions {
  /** Defaults to the configured storage (`storageTarget()`). */
  readonly connectionString?: string;
  readonly target?: StorageTarget;
  /** Told why storage is unreachable (the health answer itself stays terse). */
  readonly onError?: (error: unknown) => void;
}

/**
 * Asks Table Storage for one page of the table list, without retries, within `timeoutMs` (the deadline
 * policy aborts the request). Resolves `'ok'` or `'unreachable'`; never rejects.
 */
export async function pingStorage(timeoutMs = 1500, options: PingOptions = {}): Promise<StorageStatus> {
  try {
    const client = createServiceClient({
      ...(options.connectionString !== undefined ? { connectionString: options.connectionString } : {}),
      ...(options.target ? { target: options.target } : {}),
      maxRetries: 0,
      timeoutMs,
    });
    await client.listTables().byPage({ maxPageSize: 1 }).next();
    return 'ok';
  } catch (err) {
    options.onError?.(err);
    return 'unreachable';
  }
}

/** What the last probe found, and when. */
export interface StorageProbeResult {
  readonly storage: StorageStatus;
  /** ISO 8601, UTC: when the probe that found this finished. */
  readonly checkedAt: string;
  /** How old the finding is, in ms, at the time of asking. */
  readonly ageMs: number;
}

export interface StorageProbeOptions {
  /** Younger findings are answered as they are. */
  readonly freshMs: number;
  /** Older findings are not trusted: the caller waits (up to `waitMs`) for a new probe. */
  readonly staleMs: number;
  /** The longest a caller waits for a probe; past it storage counts as unreachable. */
  readonly waitMs: number;
  readonly onError?: (error: unknown) => void;
}

interface Finding {
  readonly storage: StorageStatus;
  readonly at: number;
}

/**
 * The storage status health reports, from a probe that runs in the background: a health check never waits
 * for storage while its last finding is younger than `staleMs`, so it stays fast under load. The probe
 * uses the same deadline as every storage call, so "unreachable" means "a request would get 503 now",
 * not "the host was busy for 1.5 s". One probe at a time per storage endpoint.
 */
export class StorageProbe {
  private readonly findings = new Map<string, Finding>();
  private readonly running = new Map<string, Promise<Finding>>();

  constructor(private readonly options: StorageProbeOptions) {}

  async status(target: StorageTarget = storageTarget()): Promise<StorageProbeResult> {
    const key = storageTargetKey(target);
    const last = this.findings.get(key);
    const now = Date.now();
    if (last && now - last.at < this.options.staleMs) {
      if (now - last.at >= this.options.freshMs) void this.probe(key, target);
      return answer(last);
    }
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<Finding>((resolve) => {
      timer = setTimeout(() => resolve({ storage: 'unreachable', at: Date.now() }), this.options.waitMs);
    });
    try {
      return answer(await Promise.race([this.probe(key, target), waited]));
    } finally {
      clearTimeout(timer);
    }
  }

  /** Forgets every finding (tests). */
  clear(): void {
    this.findings.clear();
  }

  private probe(key: string, target: StorageTarget): Promise<Finding> {
    let pending = this.running.get(key);
    if (!pending) {
      pending = pingStorage(storageTimeoutMs(), {
        target,
        ...(this.options.onError ? { onError: this.options.onError } : {}),
      }).then((storage) => {
        const finding = { storage, at: Date.now() };
        this.findings.set(key, finding);
        this.running.delete(key);
        return finding;
      });
      this.running.set(key, pending);
    }
    return pending;
  }
}

function answer(finding: Finding): StorageProbeResult {
  return {
    storage: finding.storage,
    checkedAt: new Date(finding.at).toISOString(),
    ageMs: Math.max(0, Date.now() - finding.at),
  };
}
