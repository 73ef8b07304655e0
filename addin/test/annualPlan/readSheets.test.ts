// Plan, season-profile and ledger sheets as people keep them, read into what the API needs.
import { readActuals, readAnnualPlan, readSeasonProfiles, monthlyActuals } from '../../src/annualPlan';
import type { SheetGrid } from '../../src/sheets';

const grid = (name: string, values: unknown[][], hidden: number[] = []): SheetGrid => ({
  name,
  values,
  hiddenRows: new Set(hidden),
});

describe('readAnnualPlan', () => {
  it('reads 元 from the title, keeps exact decimals, skips 小计/合计 and names bad rows', () => {
    const g = grid('年度计划', [
      ['2027年度销售计划（单位：元）'],
      ['产品类别', '片区', '业务员', '年度计划'],
      ['潜水泵', '华东', '张三', 1200000],
      ['潜水泵', '华东', '李四', '¥1,000,000.50'],
      ['潜水泵', '华东', '张三', 5],
      ['小计', '', '', 2200005.5],
      ['离心泵', '', '', -3],
      ['离心泵', '华南', '', '#N/A'],
      ['', '华南', '王五', 10],
      ['合计', '', '', 2200015.5],
    ]);
    const read = readAnnualPlan(g);
    expect(read.unit).toBe('yuan');
    expect(read.roundTo).toBe(1);
    expect(read.year).toBe(2027);
    expect(read.rows).toEqual([
      { productType: '潜水泵', region: '华东', rep: '张三', annual: 1200000, sheetRow: 3 },
      { productType: '潜水泵', region: '华东', rep: '李四', annual: 1000000.5, sheetRow: 4 },
      { productType: '潜水泵', region: '华东', rep: '张三', annual: 5, sheetRow: 5 },
    ]);
    expect(read.skipped.subtotal.rows).toEqual([6]);
    expect(read.skipped.total.rows).toEqual([10]);
    const where = read.problems.map((p) => `${p.cell}:${p.reason}`).sort();
    // The duplicate (row 5 repeats row 3), the negative target, the #N/A, the missing product type.
    expect(where).toEqual(['A9:missing', 'C5:out of range', 'D7:out of range', 'D8:formula error']);
    const dup = read.problems.find((p) => p.cell === 'C5');
    expect(dup?.detail?.['zh-CN']).toContain('第3行');
    expect(read.problems.find((p) => p.cell === 'D7')?.found).toBe('-3');
  });

  it('reads 万元 from the target header and 台 as quantities', () => {
    const wan = readAnnualPlan(
      grid('计划', [
        ['产品类别', '片区', '年度目标（万元）'],
        ['配件', '华中', 12.345],
      ]),
    );
    expect(wan.unit).toBe('wanYuan');
    expect(wan.roundTo).toBe(0.01);
    expect(wan.rows[0]?.annual).toBe(12.345);
    const units = readAnnualPlan(
      grid('计划', [
        ['产品类别', '业务员', '年度计划（台）'],
        ['柴油机', '赵明', 120],
      ]),
    );
    expect(units.unit).toBe('units');
    expect(units.rows[0]).toEqual({ productType: '柴油机', rep: '赵明', annual: 120, sheetRow: 2 });
  });

  it('reads hidden rows too: a hidden target is still part of the plan', () => {
    const read = readAnnualPlan(
      grid(
        '年度计划',
        [
          ['产品类别', '年度计划'],
          ['潜水泵', 10],
          ['离心泵', 20],
        ],
        [2],
      ),
    );
    expect(read.rows.map((r) => r.annual)).toEqual([10, 20]);
    expect(read.hiddenRows).toEqual([3]);
  });

  it('says which columns are missing', () => {
    const read = readAnnualPlan(
      grid('年度计划', [
        ['产品类别', '片区', '备注'],
        ['潜水泵', '华东', 'x'],
      ]),
    );
    expect(read.missingColumns).toEqual(['annualTarget']);
    expect(read.rows).toEqual([]);
  });
});

describe('readSeasonProfiles', () => {
  it('reads 12 weights per product type and leaves out negative or repeated rows, naming them', () => {
    const months = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);
    const read = readSeasonProfiles(
      grid('季节系数', [
        ['季节系数（各月占全年%）'],
        ['产品类别', ...months],
        ['潜水泵', 4, 2, 7, 11, 13, 14, 14, 11, 7, 6, 6, 5],
        ['离心泵', 1, 1, 1, 1, 1, -1, 1, 1, 1, 1, 1, 1],
        ['潜水泵', 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
        ['配件', '8%', 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 12],
      ]),
    );
    expect(read.profiles).toEqual({
      潜水泵: [4, 2, 7, 11, 13, 14, 14, 11, 7, 6, 6, 5],
      配件: [0.08, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 12],
    });
    expect(read.problems.map((p) => p.cell)).toEqual(['G4', 'A5']);
  });
});

describe('readActuals', () => {
  const HEADER = [
    '日期',
    '客户名称',
    '片区',
    '业务员',
    '产品型号',
    '产品类别',
    '数量',
    '单价',
    '金额',
    '币种',
    '交货期',
  ];

  it('takes 金额, else 数量 × 单价 exactly; skips lines it cannot place and says why', () => {
    const read = readActuals(
      grid('销售台账', [
        ['2025年销售台账'],
        HEADER,
        ['2025-03-05', '甲', '华东', '张三', 'QJ', '潜水泵', 2, 1000, 2000, '人民币', '现货'],
        ['2025/3/9', '乙', '华东', '张三', 'QJ', '潜水泵', 3, 1000.35, '', '', ''],
        ['4月1日', '丙', '', '', 'QJ', '离心泵', 1.5, 0.03, '', 'CNY', ''],
        ['2025-05-01', '丁', '华南', '李四', 'QJ', '', 1, 10, 10, '', ''],
        ['2025-05-02', '戊', '华南', '李四', 'QJ', '配件', '', '', '', '', ''],
        ['2025-05-03', 'Lagos', '外贸', '赵明', 'QJ', '柴油机', 1, 100, 100, 'USD', ''],
        ['2025-05-04', '己', '华南', '李四', 'QJ', '配件', 1, 10, -10, '', ''],
        ['小计', '', '', '', '', '', '', '', 8021.05, '', ''],
      ]),
    );
    expect(read.lines).toEqual([
      {
        date: '2025-03-05',
        productType: '潜水泵',
        region: '华东',
        rep: '张三',
        amountFen: 200000,
        sheetRow: 3,
      },
      {
        date: '2025-03-09',
        productType: '潜水泵',
        region: '华东',
        rep: '张三',
        amountFen: 300105,
        sheetRow: 4,
      },
      // 1.5 × 0.03 = 0.045 → 0.05 (half away from zero), no float product.
      { date: '2025-04-01', productType: '离心泵', amountFen: 5, sheetRow: 5 },
      { date: '2025-05-04', productType: '配件', region: '华南', rep: '李四', amountFen: -1000, sheetRow: 9 },
    ]);
    expect(read.problems.map((p) => `${p.cell}:${p.field}`)).toEqual([
      'F6:productType',
      'G7:qty',
      'H7:unitPrice',
    ]);
    expect(read.foreign).toEqual([{ currency: 'USD', count: 1, rows: [8] }]);
    expect(monthlyActuals(read.lines)).toEqual([
      { date: '2025-03-01', productType: '潜水泵', region: '华东', rep: '张三', amount: 5001.05 },
      { date: '2025-04-01', productType: '离心泵', amount: 0.05 },
      { date: '2025-05-01', productType: '配件', region: '华南', rep: '李四', amount: -10 },
    ]);
  });

  it('converts another currency at the rate given, to the fen', () => {
    const read = readActuals(
      grid('销售台账', [
        HEADER,
        ['2025-05-03', 'Lagos', '外贸', '赵明', 'QJ', '柴油机', 1, 100.01, 100.01, 'USD', ''],
      ]),
      { rates: { USD: 7.1 } },
    );
    // 100.01 × 7.1 = 710.071 → 710.07
    expect(read.lines[0]?.amountFen).toBe(71007);
    expect(read.converted).toEqual([{ currency: 'USD', count: 1, rate: 7.1 }]);
  });
});
