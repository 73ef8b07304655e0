// Failures of workbook reads and writes that a person can act on, in both languages.
import type { Bilingual } from '../i18n/locale';
import { UserFacingError } from '../../../functions/src/contract/problem';

export type WorkbookErrorCode =
  'sheetNotFound' | 'noRoomForColumns' | 'noResultSheetName' | 'cancelled' | 'rowTooLarge' | 'excel';

export class WorkbookError extends UserFacingError {
  declare readonly code: WorkbookErrorCode;

  constructor(code: WorkbookErrorCode, text: Bilingual, options?: { cause?: unknown }) {
    super(code, text, { cause: options?.cause });
    this.name = 'WorkbookError';
  }
}

export function isCancelled(error: unknown): boolean {
  return error instanceof WorkbookError && error.code === 'cancelled';
}

export const workbookErrors = {
  sheetNotFound: (sheet: string) =>
    new WorkbookError('sheetNotFound', {
      'zh-CN': `找不到工作表“${sheet}”：它可能已被重命名或删除。`,
      'en-US': `Sheet "${sheet}" was not found: it may have been renamed or deleted.`,
    }),
  noRoomForColumns: (sheet: string, needed: number, firstFree: string) =>
    new WorkbookError('noRoomForColumns', {
      'zh-CN': `工作表“${sheet}”右侧没有 ${needed} 个空列可写结果（第一个空列是 ${firstFree}）。请删除右侧不用的列后重试。`,
      'en-US': `Sheet "${sheet}" has no room for ${needed} result columns on the right (first empty column: ${firstFree}). Delete unused columns on the right and try again.`,
    }),
  noResultSheetName: (name: string) =>
    new WorkbookError('noResultSheetName', {
      'zh-CN': `无法创建结果表“${name}”：同名工作表都不是 SalesDesk 创建的。请重命名或删除它们。`,
      'en-US': `Cannot create result sheet "${name}": the sheets of that name were not created by SalesDesk. Rename or delete them.`,
    }),
  cancelled: (sheet: string, rowsDone: number, rowsTotal: number) =>
    new WorkbookError('cancelled', {
      'zh-CN': `已取消（工作表“${sheet}”，已处理 ${rowsDone}/${rowsTotal} 行）。未写完的结果已清除。`,
      'en-US': `Cancelled (sheet "${sheet}", ${rowsDone} of ${rowsTotal} rows done). Partly written results were removed.`,
    }),
  rowTooLarge: (sheet: string, row: number) =>
    new WorkbookError('rowTooLarge', {
      'zh-CN': `工作表“${sheet}”第 ${row + 1} 行的数据太大，Excel 无法在一次请求中处理。请缩短该行过长的文本。`,
      'en-US': `Row ${row + 1} of sheet "${sheet}" is too large for one Excel request. Shorten its longest texts.`,
    }),
  excel: (sheet: string, what: string, cause: unknown) =>
    new WorkbookError(
      'excel',
      {
        'zh-CN': `Excel 在处理工作表“${sheet}”时出错（${what}）：${describe(cause)}`,
        'en-US': `Excel failed on sheet "${sheet}" (${what}): ${describe(cause)}`,
      },
      { cause },
    ),
};

/** The note left on a replaced result sheet when writing it was cancelled. */
export const incompleteResultNote =
  'SalesDesk：结果未写完（已取消或出错），请重新运行。 / Incomplete result (cancelled or failed): run it again.';

function describe(cause: unknown): string {
  if (cause instanceof Error) return cause.message;
  return String(cause);
}
