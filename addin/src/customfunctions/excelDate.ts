// A date argument as Excel hands it to a custom function (a serial number or text) → YYYY-MM-DD.
import { normaliseDate } from '../sheets/normalise';
import { PriceCallError } from './priceCalls';

export function excelDateToIso(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const r = normaliseDate(value, { defaultYear: new Date().getFullYear() });
  if (!r.ok)
    throw new PriceCallError({
      'zh-CN': `${r.expected['zh-CN']}：${String(value)}`,
      'en-US': `${r.expected['en-US']}: ${String(value)}`,
    });
  return r.value ?? undefined;
}
