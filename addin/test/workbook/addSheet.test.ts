// A template sheet goes into a NEW sheet in both workbooks (Excel through the fake, and the
// preview's): a taken name gets the next free `name (n)`, and no existing cell changes.
import { cellKey } from '../../src/workbook/memoryModel';
import { ledgerWorkbook, makeAdapter, snapshotWorkbook } from './fixtures';

describe.each(['office', 'memory'] as const)('%s workbook: addSheet', (kind) => {
  it('adds the sheet under a free name, writes the rows with bold headers, shows it, and touches nothing else', async () => {
    const model = ledgerWorkbook(5);
    const taken = model.sheets[0]!.name;
    model.addSheet(`${taken} (2)`).setRow(0, 0, ['mine']);
    const none = { sheet: '', cols: new Set<number>() };
    const before = snapshotWorkbook(model, none);
    const { adapter } = makeAdapter(kind, model);
    const name = await adapter.addSheet(taken, [['标题'], ['产品类别', '片区', '业务员', '年度计划']], [1]);
    expect(name).toBe(`${taken} (3)`);
    const sheet = model.getSheet(name)!;
    expect(sheet.value(0, 0)).toBe('标题');
    expect(sheet.value(1, 3)).toBe('年度计划');
    expect(sheet.bold.has(cellKey(1, 0))).toBe(true);
    expect(sheet.bold.has(cellKey(0, 0))).toBe(false);
    expect(model.activeSheet).toBe(name);
    // Every sheet that was there is exactly as it was.
    const after = snapshotWorkbook(model, none);
    for (const [sheetName, snap] of Object.entries(before as Record<string, unknown>))
      expect((after as Record<string, unknown>)[sheetName]).toEqual(snap);
  });
});
