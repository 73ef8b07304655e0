/**
 * The columnar validate request the pane sends: every line of the sample 销售台账 comes back from it
 * exactly as the verbose form sends it (after the JSON trip both take), and it is a fraction of the size.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { detectSalesLedger, readPriceCheckLedger } from '../../src/priceCheck';
import { MemoryWorkbook } from '../../src/workbook/memoryWorkbook';
import { ColumnarValidateRequestSchema, type PriceLine } from '../../../functions/src/contract/pricing';
import { decodeColumns, encodeColumns } from '../../../functions/src/domain/pricing/requestColumns';

const root = join(__dirname, '..', '..', '..');
const viaJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('the columnar validate request', () => {
  let lines: PriceLine[];
  beforeAll(async () => {
    const wb = await MemoryWorkbook.fromXlsx(readFileSync(join(root, 'samples', 'SalesDesk-示例台账.xlsx')), {
      pause: () => Promise.resolve(),
    });
    const grid = await wb.readSheet('销售台账', { numberFormats: true });
    lines = readPriceCheckLedger(grid, detectSalesLedger(grid)).lines;
  });

  it('rebuilds every sample line as the verbose form sends it', () => {
    expect(lines.length).toBeGreaterThan(3000);
    // the sample has lines with open inputs, empty cells and approval numbers: all three kinds go through
    expect(lines.some((l) => l.unknownInputs)).toBe(true);
    expect(lines.some((l) => !l.unknownInputs)).toBe(true);
    expect(lines.some((l) => l.approvalRef)).toBe(true);
    const sent = viaJson(encodeColumns(lines));
    const decoded = decodeColumns(ColumnarValidateRequestSchema.parse(sent));
    expect(decoded).toEqual(viaJson(lines));
  });

  it('is under a third of the verbose body', () => {
    const verbose = JSON.stringify({ lines }).length;
    const columns = JSON.stringify(encodeColumns(lines)).length;
    expect(columns * 3).toBeLessThan(verbose);
  });

  it('keeps odd values as they are (the API judges them line by line) and leaves out fields no line has', () => {
    const odd = [
      { id: 1, model: 'QJ50-52', qty: 'two' as unknown as number, unitPrice: null, taxIncluded: false },
      { id: 'x', model: '', customer: 'A', region: null, unknownInputs: ['region' as const] },
      { id: 3, model: 'QJ50-52', customer: 'A' },
    ];
    const encoded = encodeColumns(odd);
    expect(Object.keys(encoded.columns).sort()).toEqual(
      ['customer', 'id', 'model', 'qty', 'region', 'taxIncluded', 'unitPrice', 'unknownInputs'].sort(),
    );
    expect(encoded.strings).toEqual(['QJ50-52', '', 'A']);
    expect(decodeColumns(ColumnarValidateRequestSchema.parse(viaJson(encoded)))).toEqual([
      {
        id: 1,
        model: 'QJ50-52',
        customer: null,
        region: null,
        qty: 'two',
        unitPrice: null,
        taxIncluded: false,
      },
      {
        id: 'x',
        model: '',
        customer: 'A',
        region: null,
        qty: null,
        unitPrice: null,
        taxIncluded: null,
        unknownInputs: ['region'],
      },
      { id: 3, model: 'QJ50-52', customer: 'A', region: null, qty: null, unitPrice: null, taxIncluded: null },
    ]);
  });
});
