// What every bench row prints beside its figures: the load average (runs are compared by it) and sizes.
import { readFileSync } from 'node:fs';

/** The 1-minute load average, or '?' where there is no /proc/loadavg. */
export const loadAverage = (): string =>
  process.platform === 'linux' ? (readFileSync('/proc/loadavg', 'utf8').split(' ')[0] ?? '?') : '?';

/** `bytes` in MB with one decimal: "36.1 MB". */
export const mb = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
