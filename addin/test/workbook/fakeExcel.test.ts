// The fake must behave like Office.js where the adapter relies on it, or the adapter tests prove nothing.
import { WorkbookModel } from '../../src/workbook/memoryModel';
import { FakeExcel, FakeExcelError, excelInput } from '../../devtools/fakeExcel';

function fakeWith(values: (string | number)[][]): FakeExcel {
  const model = new WorkbookModel();
  const s = model.addSheet('S');
  values.forEach((row, r) => s.setRow(r, 0, row));
  return new FakeExcel(model);
}

describe('fake Excel', () => {
  it('reads a property only after load and sync', async () => {
    const fake = fakeWith([[1, 2]]);
    await fake.run(async (context) => {
      const range = context.workbook.worksheets.getItem('S').getRange('A1:B1');
      expect(() => range.values).toThrow(/PropertyNotLoaded/);
      range.load('values');
      expect(() => range.values).toThrow(/PropertyNotLoaded/);
      await context.sync();
      expect(range.values).toEqual([[1, 2]]);
    });
  });

  it('applies queued writes at sync, in order', async () => {
    const fake = fakeWith([[1]]);
    await fake.run(async (context) => {
      const range = context.workbook.worksheets.getItem('S').getRange('A1');
      range.values = [[5]];
      expect(fake.model.getSheet('S')?.value(0, 0)).toBe(1);
      range.load('values');
      await context.sync();
      expect(range.values).toEqual([[5]]);
    });
    expect(fake.syncCount).toBe(1);
  });

  it('tells null objects after a sync, and fails getItem on a missing sheet', async () => {
    const fake = fakeWith([]);
    await fake.run(async (context) => {
      const missing = context.workbook.worksheets.getItemOrNullObject('Nope');
      const used = context.workbook.worksheets.getItem('S').getUsedRangeOrNullObject(true);
      await context.sync();
      expect(missing.isNullObject).toBe(true);
      expect(used.isNullObject).toBe(true);
      context.workbook.worksheets.getItem('Nope').load('name');
      await expect(context.sync()).rejects.toMatchObject({ code: 'ItemNotFound' });
    });
  });

  it('measures request and response bytes and refuses a sync over the limit', async () => {
    const fake = fakeWith([]);
    fake.payloadLimit = 10_000;
    await fake.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('S');
      ws.getRange('A1:A100').values = Array.from({ length: 100 }, () => ['x'.repeat(50)]);
      await context.sync();
      ws.getRange('A1:A300').values = Array.from({ length: 300 }, () => ['x'.repeat(50)]);
      await expect(context.sync()).rejects.toBeInstanceOf(FakeExcelError);
    });
    const [ok, refused] = fake.syncs;
    expect(ok?.requestBytes).toBeGreaterThan(100 * 52);
    expect(ok?.cellsWritten).toBe(100);
    expect(refused?.requestBytes).toBeGreaterThan(10_000);
    // Nothing of the refused request was applied.
    expect(fake.model.getSheet('S')?.value(150, 0)).toBeUndefined();
  });

  it('reads written strings as typed input, except after an apostrophe', () => {
    expect(excelInput('001234')).toEqual({ value: 1234 });
    expect(excelInput('1-2').value).toEqual(expect.any(Number));
    expect(excelInput('TRUE')).toEqual({ value: true });
    expect(excelInput('=1+1')).toEqual({ formula: '1+1' });
    expect(excelInput("'001234")).toEqual({ value: '001234' });
    expect(excelInput('=HYPERLINK("#\'销售台账\'!A12","销售台账!A12")')).toMatchObject({
      value: '销售台账!A12',
      link: { sheet: '销售台账', address: 'A12' },
    });
  });

  it('requires values of the range’s exact shape', async () => {
    const fake = fakeWith([]);
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem('S').getRange('A1:B2').values = [[1, 2]];
      await expect(context.sync()).rejects.toMatchObject({ code: 'InvalidArgument' });
    });
  });
});
