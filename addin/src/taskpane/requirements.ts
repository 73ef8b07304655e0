// The Excel API the workbook adapter needs. Declared in manifest.xml (<Requirements>), so Office
// does not offer the add-in where it cannot run, and checked again at start: an older Excel that
// still opens the pane is told plainly instead of failing later in the middle of a write.
import type { Bilingual } from '../i18n/locale';

export const EXCEL_API_SET = 'ExcelApi';
export const EXCEL_API_VERSION = '1.13';

interface Requirements {
  isSetSupported(name: string, minVersion?: string): boolean;
}

/** True when Office says the needed ExcelApi is there (or when not in Office: the preview). */
export function excelApiSupported(requirements: Requirements | undefined | null): boolean {
  if (!requirements) return true;
  try {
    return requirements.isSetSupported(EXCEL_API_SET, EXCEL_API_VERSION);
  } catch {
    return false;
  }
}

export const oldExcelText: Bilingual = {
  'zh-CN': `此 Excel 版本过旧：SalesDesk 需要 Excel API ${EXCEL_API_VERSION}（Microsoft 365、Excel 2021 或更新版本，或 Excel 网页版）。请更新 Office 后再使用；在此之前，读取和写入工作表可能失败。`,
  'en-US': `This Excel is too old: SalesDesk needs Excel API ${EXCEL_API_VERSION} (Microsoft 365, Excel 2021 or later, or Excel on the web). Please update Office; until then, reading and writing sheets may fail.`,
};
