/**
 * The API's error contract and the one user-facing error base. Every error answer has the body
 * `{ error: { code, message, details? } }`, so the add-in can show `message[locale]` without knowing
 * which handler failed; every error a person may read (in the API or the add-in) is a
 * `UserFacingError` carrying the same parts. It sits at the bottom (contract/) so storage errors can
 * extend it and http/withErrors can answer them by their `status`/`code` without importing storage.
 */
import { z } from 'zod';
import { BilingualSchema, type Bilingual } from './text';

export interface Problem {
  /** Stable machine-readable code, e.g. `validation_failed`; the add-in may branch on it. */
  readonly code: string;
  readonly message: Bilingual;
  readonly details?: unknown;
}

export interface ProblemBody {
  readonly error: Problem;
}

/** What the add-in accepts as an error answer (older or foreign hosts may send a plain string message). */
export const ProblemBodySchema = z.object({
  error: z.object({
    code: z.string().optional(),
    message: z.union([BilingualSchema, z.string()]).optional(),
    details: z.unknown().optional(),
  }),
});

export interface UserFacingErrorOptions {
  /** The HTTP status the API answers with; errors that never cross HTTP may leave it out. */
  readonly status?: number;
  readonly details?: unknown;
  readonly cause?: unknown;
  /** The Error's message for logs; the en-US text when not given. */
  readonly logMessage?: string;
  /** Headers of the API's answer (Retry-After, ETag, …). */
  readonly headers?: Record<string, string>;
}

/** An error a person reads: a stable code, the text in both languages, and optional details. */
export class UserFacingError extends Error {
  readonly status: number | undefined;
  readonly details: unknown;
  readonly headers: Record<string, string> | undefined;

  constructor(
    readonly code: string,
    readonly text: Bilingual,
    options: UserFacingErrorOptions = {},
  ) {
    super(
      options.logMessage ?? text['en-US'],
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'UserFacingError';
    this.status = options.status;
    this.details = options.details;
    this.headers = options.headers;
  }

  /** The problem body the API answers with. */
  toProblem(): Problem {
    return this.details === undefined
      ? { code: this.code, message: this.text }
      : { code: this.code, message: this.text, details: this.details };
  }
}
