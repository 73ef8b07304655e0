/** The answer of `GET /api/health`, which the add-in's connection check reads. */
import { z } from 'zod';

export const HealthAnswerSchema = z.object({
  /** The host is up and answering; always 'ok' when there is an answer at all. */
  status: z.literal('ok'),
  storage: z.enum(['ok', 'unreachable']),
  version: z.string(),
});
export type HealthAnswer = z.infer<typeof HealthAnswerSchema>;
