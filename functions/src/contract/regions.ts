/**
 * 片区 (sales region) scope of a per-region answer: a regional manager (Sales.Manager) reads only their
 * own 片区 of the receivables and the scorecard, enforced by the API (docs/api.md, "Regions"). The
 * answer says which regions it covers and what it left out, so nothing is dropped silently.
 */
import { z } from 'zod';
import { BilingualSchema, type Bilingual } from './text';

export interface RegionScopeAnswer {
  /** The 片区 the answer is limited to (the manager's); null = every region (head, clerk, Finance). */
  readonly regions: string[] | null;
  /** Customers (receivables) or reps (scorecard) left out because their 片区 is not known. */
  readonly unknownRegion: number;
  /** What was left out and why, for the sheet. */
  readonly note: Bilingual | null;
}

export const RegionScopeAnswerSchema = z.object({
  regions: z.array(z.string()).nullable(),
  unknownRegion: z.number().int().nonnegative(),
  note: BilingualSchema.nullable(),
});
