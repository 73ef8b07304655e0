// Which sheet holds the price policy: one named 价格政策 first, then one whose name says so, then
// one whose first rows carry the 【产品价格】 block marker.
import { blockKind, findBlocks, toHalfWidth, type SheetGrid } from '../sheets';

export const POLICY_SHEET_NAME = '价格政策';
const NAME_RE = /价格政策|price\s*policy|pricepolicy/i;

/** How sure the name alone makes us: 2 = exactly 价格政策, 1 = it says price policy, 0 = no. */
export function policySheetNameScore(name: string): 0 | 1 | 2 {
  const n = toHalfWidth(name).trim();
  if (n === POLICY_SHEET_NAME) return 2;
  return NAME_RE.test(n) ? 1 : 0;
}

/** True when the grid has the 【产品价格】 block (or another of the policy's blocks). */
export function hasPolicyBlocks(grid: SheetGrid): boolean {
  return findBlocks(grid).some((b) => blockKind(b.name) !== null);
}

/**
 * The sheet to read by default: the best name, else the first sheet whose top rows (read with
 * `probe`) hold the block markers; null when none does. `probe` is only called when names do not decide.
 */
export async function choosePolicySheet(
  sheets: readonly { name: string; visible?: boolean }[],
  probe: (name: string) => Promise<SheetGrid | null>,
): Promise<string | null> {
  let best: { name: string; score: number } | null = null;
  for (const s of sheets) {
    const score = policySheetNameScore(s.name);
    if (score > 0 && (!best || score > best.score)) best = { name: s.name, score };
  }
  if (best) return best.name;
  for (const s of sheets) {
    if (s.visible === false) continue;
    const grid = await probe(s.name);
    if (grid && hasPolicyBlocks(grid)) return s.name;
  }
  return null;
}
