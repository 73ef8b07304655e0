/** The answer of `GET /api/health`, which the add-in's connection check reads. */
import { z } from 'zod';

// Texts rather than enums: the add-in shows `ok` and treats any other storage state as a problem, so a
// host that learns a new state (say `slow`) is still understood.
export const HealthAnswerSchema = z.object({
  /** The host is up and answering; 'ok' when there is an answer at all. */
  status: z.string(),
  /** 'ok' or 'unreachable'. */
  storage: z.string(),
  version: z.string(),
  /** When storage was last probed (ISO 8601) and how old that finding is, in ms. */
  checkedAt: z.string().optional(),
  ageMs: z.number().optional(),
});
export type HealthAnswer = z.infer<typeof HealthAnswerSchema>;
