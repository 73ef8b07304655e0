/**
 * Starts Azurite's table service (`azurite-table`, not the full `azurite`, which ignores SIGTERM)
 * as a child process. Used by the tests (in memory, free port) and by `npm start` (on disk).
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { azuriteConnectionString } from '../storage/client';

export interface StartAzuriteOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** Keep data on disk in this folder (created if missing)... */
  readonly location?: string;
  /** ...or in memory only (the default when no location is given). */
  readonly inMemory?: boolean;
  /** How long to wait for the port to accept connections. */
  readonly startTimeoutMs?: number;
}

export interface RunningAzurite {
  readonly port: number;
  readonly connectionString: string;
  /** Kills the process and waits until it has exited. */
  stop(): Promise<void>;
  /** Fault tests: `freeze` stops the process (SIGSTOP: connections are accepted, nothing answers), `thaw`
   * lets it run on (SIGCONT), `kill` ends it at once (SIGKILL, in-memory data lost). */
  freeze(): void;
  thaw(): void;
  kill(): Promise<void>;
}

/** Path of azurite-table's entry script (the `azurite` npm package, a root devDependency). */
export function azuriteTableMain(): string {
  return require.resolve('azurite/dist/src/table/main.js');
}

export async function startAzurite(options: StartAzuriteOptions = {}): Promise<RunningAzurite> {
  if (options.location !== undefined && options.inMemory) {
    throw new Error('startAzurite: give either `location` or `inMemory`, not both.');
  }
  const host = options.host ?? '127.0.0.1';
  // A free port can be taken between our probe and Azurite's listen: try again with another.
  const attempts = options.port ? 1 : 3;
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const port = options.port || (await freePort(host));
    try {
      return await launch(port, host, options);
    } catch (err) {
      lastError = err;
    }
  }
  throw lastError;
}

async function launch(port: number, host: string, options: StartAzuriteOptions): Promise<RunningAzurite> {
  const args = [
    azuriteTableMain(),
    '--tableHost',
    host,
    '--tablePort',
    String(port),
    '--disableTelemetry',
    '--skipApiVersionCheck',
    '--silent',
  ];
  if (options.location !== undefined) {
    mkdirSync(options.location, { recursive: true });
    args.push('--location', options.location);
  } else {
    args.push('--inMemoryPersistence');
  }
  const child = spawn(process.execPath, args, {
    cwd: options.location ?? os.tmpdir(),
    stdio: ['ignore', 'pipe', 'pipe'],
    windowsHide: true,
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  // Do not leave an orphan Azurite behind if this process exits without calling stop().
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const stop = async (): Promise<void> => {
    process.off('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGCONT'); // a frozen process would not see the SIGINT
    // azurite-table saves its on-disk database on SIGINT only; SIGTERM would lose recent writes.
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 20000);
  let exitedEarly = false;
  void exited.then(() => (exitedEarly = true));
  // Azurite prints "successfully started" once it listens; the log line (not just an open port) tells
  // us the port is ours and not another process's that won a race for it.
  while (!(/successfully started/i.test(output) && (await accepts(port, host)))) {
    if (exitedEarly || Date.now() > deadline) {
      await stop();
      throw new Error(
        `Azurite (table) did not start on ${host}:${port}${exitedEarly ? ' (it exited)' : ''}. Output:\n${output.trim()}`,
      );
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const kill = async (): Promise<void> => {
    process.off('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await exited;
  };
  return {
    port,
    connectionString: azuriteConnectionString(port, host),
    stop,
    freeze: () => void child.kill('SIGSTOP'),
    thaw: () => void child.kill('SIGCONT'),
    kill,
  };
}

function accepts(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, host);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
