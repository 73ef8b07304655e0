// What goes wrong while writing 应收账龄 / 客户对账单 / 业务员考核, said in both languages. Sheets already
// written stay (each is its own write), and the error names them.
import { UserFacingError } from '../../../functions/src/contract/problem';
import type { Bilingual } from '../../../functions/src/contract/text';
import { ApiError } from '../api/client';
import { fill } from '../monthEnd/strings';
import { isCancelled, WorkbookError } from '../workbook/errors';

export type ReceivablesErrorCode = 'api' | 'workbook' | 'cancelled';

export const receivablesText = {
  cancelled: { 'zh-CN': '已取消。', 'en-US': 'Cancelled.' },
  http: { 'zh-CN': '{url} 答复 {status}：{message}', 'en-US': '{url} answered {status}: {message}' },
  unreachable: {
    'zh-CN': '连不上 SalesDesk 服务（{url}）：{reason}。',
    'en-US': 'Cannot reach the SalesDesk service ({url}): {reason}.',
  },
  keptSheets: {
    'zh-CN': '已写好的工作表保留：{sheets}。',
    'en-US': 'The sheets already written stay: {sheets}.',
  },
  nothingWritten: { 'zh-CN': '工作簿未改动。', 'en-US': 'The workbook was not changed.' },
} satisfies Record<string, Bilingual>;

export class ReceivablesError extends UserFacingError {
  declare readonly code: ReceivablesErrorCode;

  constructor(
    code: ReceivablesErrorCode,
    text: Bilingual,
    /** Sheets written before it stopped (they stay in the workbook). */
    readonly written: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(code, text, { cause: options?.cause });
    this.name = 'ReceivablesError';
  }
}

function reason(error: unknown, baseUrl: string): { code: ReceivablesErrorCode; text: Bilingual } {
  if (isCancelled(error) || (error instanceof ApiError && error.kind === 'aborted'))
    return { code: 'cancelled', text: receivablesText.cancelled };
  if (error instanceof ApiError && error.kind === 'http')
    return {
      code: 'api',
      text: fill(receivablesText.http, (l) => ({
        url: baseUrl,
        status: error.status,
        message: error.text[l],
      })),
    };
  if (error instanceof ApiError)
    return { code: 'api', text: fill(receivablesText.unreachable, { url: baseUrl, reason: error.message }) };
  if (error instanceof WorkbookError) return { code: 'workbook', text: error.text };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'workbook', text: { 'zh-CN': message, 'en-US': message } };
}

/** Any failure as a ReceivablesError that also says what was kept. */
export function asReceivablesError(
  error: unknown,
  baseUrl: string,
  written: readonly string[],
): ReceivablesError {
  if (error instanceof ReceivablesError) return error;
  const { code, text } = reason(error, baseUrl);
  const kept = written.length
    ? fill(receivablesText.keptSheets, (l) => ({
        sheets: written.map((n) => `“${n}”`).join(l === 'zh-CN' ? '、' : ', '),
      }))
    : receivablesText.nothingWritten;
  return new ReceivablesError(
    code,
    { 'zh-CN': `${text['zh-CN']}${kept['zh-CN']}`, 'en-US': `${text['en-US']} ${kept['en-US']}` },
    written,
    { cause: error },
  );
}
