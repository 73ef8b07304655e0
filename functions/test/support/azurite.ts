/**
 * Jest helper: a fresh in-memory Azurite (table service) on a free port for one test file.
 * Sets process.env.SALESDESK_STORAGE while the file runs, so storage code under test uses it.
 *
 *   const azurite = useAzurite();
 *   it('...', async () => { const table = await openTable('Things'); ... azurite.connectionString ... });
 */
import { startAzurite, type RunningAzurite } from '../../src/devhost/azurite';

export interface AzuriteHandle {
  readonly port: number;
  readonly connectionString: string;
  /** Stops it early (e.g. to test an outage); afterAll then does nothing more. */
  stop(): Promise<void>;
}

export function useAzurite(): AzuriteHandle {
  let running: RunningAzurite | undefined;
  let previous: string | undefined;

  beforeAll(async () => {
    running = await startAzurite({ inMemory: true });
    previous = process.env.SALESDESK_STORAGE;
    process.env.SALESDESK_STORAGE = running.connectionString;
  });

  afterAll(async () => {
    if (previous === undefined) delete process.env.SALESDESK_STORAGE;
    else process.env.SALESDESK_STORAGE = previous;
    await running?.stop();
  });

  const current = (): RunningAzurite => {
    if (!running)
      throw new Error('useAzurite(): Azurite is not running yet (use it inside tests or beforeAll).');
    return running;
  };
  return {
    get port() {
      return current().port;
    },
    get connectionString() {
      return current().connectionString;
    },
    stop: () => current().stop(),
  };
}

/** A table name no other test uses (Azurite is per file, but tests in a file share it). */
export function uniqueTableName(prefix = 'T'): string {
  return `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`.replace(
    /[^A-Za-z0-9]/g,
    '',
  );
}
