// Strings of the pane pieces every tab reuses (sheet picker, column mapping, progress, problems).
import type { Bilingual } from '../../i18n/locale';
import { textPicker } from '../../i18n/strings';

export const commonStrings = {
  sheet: { 'zh-CN': '工作表', 'en-US': 'Sheet' },
  sheetLoading: { 'zh-CN': '正在读取工作表…', 'en-US': 'Reading the sheets…' },
  sheetNone: { 'zh-CN': '工作簿中没有工作表', 'en-US': 'The workbook has no sheets' },
  // English names the kind after a colon: no article to get wrong ("a Annual plan").
  sheetMatches: { 'zh-CN': '表头看起来是{kind}', 'en-US': 'Headers recognised as: {kind}' },
  sheetNoMatch: {
    'zh-CN': '此表的表头不像{kind}：请选择正确的工作表，或在下方调整列映射',
    'en-US': 'Headers not recognised as: {kind}. Pick the right sheet, or adjust the column mapping below',
  },
  templateFailed: {
    'zh-CN': '未能插入模板表：{reason}。工作簿没有改动。',
    'en-US': 'Could not insert the template sheet: {reason}. The workbook was not changed.',
  },
  sheetEmpty: {
    'zh-CN':
      '此工作簿中没有找到{kind}。请打开保存{kind}的工作簿，或插入一张模板表，按表头填写后点“刷新”。帮助页说明各表的格式。',
    'en-US':
      'No sheet in this workbook is recognised as: {kind}. Open the workbook that holds it, or insert a template sheet, fill it in under its headers and press Refresh. The help page shows each layout.',
  },
  sheetRefresh: { 'zh-CN': '刷新', 'en-US': 'Refresh' },
  sheetOptionMatch: { 'zh-CN': '{name}（{kind}）', 'en-US': '{name} ({kind})' },
  mappingTitle: { 'zh-CN': '列映射', 'en-US': 'Column mapping' },
  mappingSummary: {
    'zh-CN': '表头在第 {row} 行，已识别 {found}/{total} 列',
    'en-US': 'Header in row {row}; {found} of {total} columns found',
  },
  mappingNoHeader: {
    'zh-CN': '没有找到表头：请为每一列选择表中的列',
    'en-US': 'No header found: choose a sheet column for each field',
  },
  mappingAttention: {
    'zh-CN': '{n} 列需要确认',
    'en-US': '{n} to check',
  },
  mappingShow: { 'zh-CN': '调整列映射', 'en-US': 'Adjust mapping' },
  mappingHide: { 'zh-CN': '收起', 'en-US': 'Hide' },
  mappingReset: { 'zh-CN': '恢复自动识别', 'en-US': 'Back to detected' },
  mappingNone: { 'zh-CN': '（表中没有此列）', 'en-US': '(not in this sheet)' },
  mappingOption: { 'zh-CN': '{letter} 列：{header}', 'en-US': 'Column {letter}: {header}' },
  mappingOptionBlank: { 'zh-CN': '{letter} 列（无表头）', 'en-US': 'Column {letter} (no header)' },
  mappingMissing: {
    'zh-CN': '没有找到这一列，请选择',
    'en-US': 'Not found: choose the column',
  },
  mappingUnsure: {
    'zh-CN': '不确定（把握 {pct}），请确认',
    'en-US': 'Unsure ({pct} sure): please confirm',
  },
  mappingDetected: { 'zh-CN': '自动识别（把握 {pct}）', 'en-US': 'Detected ({pct} sure)' },
  mappingByUser: {
    'zh-CN': '已手动指定，本工作簿会记住',
    'en-US': 'Set by you; remembered for this workbook',
  },
  mappingOptional: { 'zh-CN': '未使用（可选）', 'en-US': 'Not used (optional)' },
  progressRows: { 'zh-CN': '已处理 {done} / {total} 行', 'en-US': '{done} of {total} rows' },
  cancel: { 'zh-CN': '取消', 'en-US': 'Cancel' },
  cancelling: { 'zh-CN': '正在取消…', 'en-US': 'Cancelling…' },
  problemsShowMore: { 'zh-CN': '显示更多（还有 {n} 条）', 'en-US': 'Show more ({n} more)' },
  problemsJump: { 'zh-CN': '转到 {sheet}!{address}', 'en-US': 'Go to {sheet}!{address}' },
  problemsRow: { 'zh-CN': '第 {row} 行', 'en-US': 'Row {row}' },
} satisfies Record<string, Bilingual>;

export type CommonStringKey = keyof typeof commonStrings;

export const commonText = textPicker<CommonStringKey>(commonStrings);
