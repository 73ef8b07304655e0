import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readPolicySheet, type PolicySheetProblem } from '../../src/pricePolicy';
import { MemoryWorkbook } from '../../src/workbook/memoryWorkbook';
import {
  DEFAULT_PRODUCTS,
  DEFAULT_RULES,
  firstCapRow,
  firstRuleRow,
  policyGrid,
  type PolicyGridParts,
} from './policyGrid';

const root = join(__dirname, '..', '..', '..');

function problems(parts: PolicyGridParts): PolicySheetProblem[] {
  return readPolicySheet(policyGrid(parts)).problems;
}

/** [code, cell] pairs, for compact expectations. */
const at = (list: PolicySheetProblem[]) => list.map((p) => [p.code, p.cell]);

const rule = (over: Partial<Record<number, unknown>>): unknown[] => {
  const base = [...(DEFAULT_RULES[0] ?? [])];
  for (const [i, v] of Object.entries(over)) base[Number(i)] = v;
  return base;
};

describe('readPolicySheet on the sample workbook', () => {
  it('yields exactly samples/expected.json .policy, with no problems', async () => {
    const workbook = await MemoryWorkbook.fromXlsx(
      readFileSync(join(root, 'samples/SalesDesk-示例台账.xlsx')),
    );
    const grid = await workbook.readSheet('价格政策', { numberFormats: true });
    const expected = JSON.parse(readFileSync(join(root, 'samples/expected.json'), 'utf8')) as {
      policy: object;
      /** 【返点政策】 and 【信用额度】 as published (formats.md), once the sample sheet has the blocks. */
      policyBlocks?: { rebateTiers: unknown; credit: unknown };
    };
    const read = readPolicySheet(grid);
    expect(read.problems).toEqual([]);
    expect(read.canPublish).toBe(true);
    // Through JSON, as the API will see it.
    expect(JSON.parse(JSON.stringify(read.policy))).toEqual({
      ...expected.policy,
      ...(expected.policyBlocks ?? {}),
    });
    expect(read.layout.products.rows[0]).toBe(6);
    expect(read.layout.rules.rows).toEqual([55, 56, 57, 58, 59, 60, 61]);
    expect(read.layout.discountCaps.rows['外贸']).toBe(50);
  });
});

describe('readPolicySheet: the good case of a hand-made sheet', () => {
  it('reads settings, products, caps and rules into the API shape', () => {
    const read = readPolicySheet(policyGrid());
    expect(read.problems).toEqual([]);
    expect(read.policy).toEqual({
      vatRate: 13,
      effectiveDate: '2026-01-01',
      products: [
        {
          model: 'QJ200-50',
          name: '井用潜水泵',
          productType: '潜水泵',
          unit: '台',
          listPrice: 18600,
          floorPrice: 13020,
          listPriceUsd: null,
        },
        {
          model: 'IS80-65-160',
          name: '清水离心泵',
          productType: '离心泵',
          unit: '台',
          listPrice: 3150,
          floorPrice: 2210,
          listPriceUsd: 460,
        },
      ],
      discountCaps: { 经销商: { old: 18, new: 15 }, 终端客户: { old: 8, new: 5 } },
      rules: [
        {
          id: 'R-01',
          priority: 90,
          product: { model: 'QJ200-50' },
          customer: 'all',
          minQty: null,
          maxQty: null,
          validFrom: '2026-01-01',
          validTo: '2026-12-31',
          effect: { kind: 'fixedPrice', price: 15800 },
          note: '统一最低成交价',
        },
      ],
    });
  });

  it('reads the VAT rate as 13% whether typed 13%, 0.13 or 13', () => {
    for (const vat of ['13%', 0.13, 13, '１３％']) {
      const read = readPolicySheet(policyGrid({ settings: ['增值税率', vat, '生效日期', '2026/4/1'] }));
      expect([read.policy.vatRate, read.policy.effectiveDate]).toEqual([13, '2026-04-01']);
    }
  });

  it('keeps fen exact: ¥1,234.56 and 0.1+0.2-style amounts', () => {
    const read = readPolicySheet(policyGrid({ products: [['A-1', '', '', '', '¥1,234.56', 1000.3, '']] }));
    expect(read.policy.products[0]).toMatchObject({ listPrice: 1234.56, floorPrice: 1000.3 });
  });

  it('writes a class given in English the canonical way', () => {
    const read = readPolicySheet(policyGrid({ caps: [['Distributor', '10%', '8%']] }));
    expect(read.problems).toEqual([]);
    expect(read.policy.discountCaps).toEqual({ 经销商: { old: 10, new: 8 } });
  });

  it('reads every scope form and every rule type', () => {
    const r = firstRuleRow();
    const read = readPolicySheet(
      policyGrid({
        rules: [
          rule({ 0: 'A', 2: '型号：QJ200-50', 3: '客户:中建三局', 8: '折扣上限', 9: '20%' }),
          rule({ 0: 'B', 2: '类别:离心泵', 3: '类别:经销商', 8: '追加折扣', 9: 0.03 }),
          rule({ 0: 'C', 2: '全部', 3: '片区:华东', 8: '最低价', 9: '$300' }),
          rule({ 0: 'D', 2: '类别:潜水泵', 3: '全部', 8: '折扣上限', 9: 12.5, 4: 10, 5: 50 }),
        ],
        formats: { [r + 1]: { 9: '0%' } },
      }),
    );
    expect(read.problems).toEqual([]);
    expect(read.policy.rules.map((x) => [x.id, x.product, x.customer, x.effect, x.minQty, x.maxQty])).toEqual(
      [
        ['A', { model: 'QJ200-50' }, { name: '中建三局' }, { kind: 'discountCap', pct: 20 }, null, null],
        [
          'B',
          { productType: '离心泵' },
          { customerClass: '经销商' },
          { kind: 'extraDiscount', pct: 3 },
          null,
          null,
        ],
        ['C', 'all', { region: '华东' }, { kind: 'floor', price: 300, currency: 'USD' }, null, null],
        ['D', { productType: '潜水泵' }, 'all', { kind: 'discountCap', pct: 12.5 }, 10, 50],
      ],
    );
  });
});

describe('readPolicySheet: problems, each at its cell', () => {
  it('names a duplicate model on both rows', () => {
    const list = problems({
      products: [...DEFAULT_PRODUCTS, ['QJ200-50', '重复', '潜水泵', '台', 18000, 13000, '']],
    });
    expect(at(list)).toEqual([
      ['duplicate_model', 'A6'],
      ['duplicate_model', 'A8'],
    ]);
    expect(list[0]?.also.map((c) => c.cell)).toEqual(['A8']);
    expect(list[1]?.message['zh-CN']).toContain('第 6 行和第 8 行');
    expect(list[1]?.severity).toBe('error');
  });

  it('flags a floor above the list price at the floor cell', () => {
    const list = problems({ products: [['X-1', '', '', '', 1000, 1200, '']], rules: [] });
    expect(at(list)).toEqual([['floor_above_list', 'F6']]);
    expect(list[0]?.message['zh-CN']).toMatch(/^价格政策 F6（最低限价）：/);
    expect(list[0]?.message['en-US']).toContain('above the list price');
  });

  it('flags negative, missing and unreadable prices once each', () => {
    const list = problems({
      products: [
        ['X-1', '', '', '', -5, '', ''],
        ['X-2', '', '', '', '', 100, ''],
        ['X-3', '', '', '', 'abc', 100, ''],
        ['X-4', '', '', '', 100, 50, -3],
      ],
      rules: [],
    });
    expect(at(list)).toEqual([
      ['non_positive_price', 'E6'],
      ['missing_price', 'E7'],
      ['unreadable_cell', 'E8'],
      ['non_positive_price', 'G9'],
    ]);
    expect(list[2]?.message['zh-CN']).toContain('“abc”');
  });

  it('flags a row with no model and still reads the others', () => {
    const read = readPolicySheet(
      policyGrid({ products: [['', '无型号', '', '', 100, 50, ''], ...DEFAULT_PRODUCTS] }),
    );
    expect(at(read.problems)).toEqual([['unreadable_cell', 'A6']]);
    expect(read.policy.products.map((p) => p.model)).toEqual(['QJ200-50', 'IS80-65-160']);
    expect(read.layout.products.rows).toEqual([7, 8]);
  });

  it('flags unknown customer classes in the caps and in a rule scope', () => {
    const c = firstCapRow();
    const r = firstRuleRow(2, 3);
    const list = problems({
      caps: [
        ...[
          ['经销商', '18%', '15%'],
          ['终端客户', '8%', '5%'],
        ],
        ['批发商', '10%', '8%'],
      ],
      rules: [rule({ 3: '类别:大客户' })],
    });
    expect(at(list)).toEqual([
      ['unknown_customer_class', `A${c + 2}`],
      ['unknown_customer_class', `D${r}`],
    ]);
  });

  it('flags a duplicate customer class on the second row, naming the first', () => {
    const c = firstCapRow();
    const list = problems({
      caps: [
        ['经销商', '18%', '15%'],
        ['经销商', '20%', '15%'],
      ],
    });
    expect(at(list)).toEqual([['duplicate_customer_class', `A${c + 1}`]]);
    expect(list[0]?.also.map((x) => x.cell)).toEqual([`A${c}`]);
  });

  it('flags missing and out-of-range caps at their column', () => {
    const c = firstCapRow();
    const list = problems({
      caps: [
        ['经销商', '', '15%'],
        ['终端客户', '8%', '120%'],
      ],
    });
    expect(at(list)).toEqual([
      ['missing_cap', `B${c}`],
      ['cap_out_of_range', `C${c + 1}`],
    ]);
  });

  it('flags bad scopes and leaves the rule out', () => {
    const r = firstRuleRow();
    const read = readPolicySheet(
      policyGrid({
        rules: [
          rule({ 0: 'A', 2: '潜水泵' }),
          rule({ 0: 'B', 3: '片区:' }),
          rule({ 0: 'C', 2: '片区:华东' }),
          rule({ 0: 'D', 3: '型号:QJ200-50' }),
          rule({ 0: 'E' }),
        ],
      }),
    );
    expect(at(read.problems)).toEqual([
      ['bad_scope', `C${r}`],
      ['bad_scope', `D${r + 1}`],
      ['bad_scope', `C${r + 2}`],
      ['bad_scope', `D${r + 3}`],
    ]);
    expect(read.problems[0]?.message['zh-CN']).toContain('“潜水泵”');
    expect(read.problems[0]?.message['zh-CN']).toContain('型号:');
    expect(read.policy.rules.map((x) => x.id)).toEqual(['E']);
    expect(read.layout.rules.rows).toEqual([r + 4]);
  });

  it('flags an unknown rule type', () => {
    const r = firstRuleRow();
    expect(at(problems({ rules: [rule({ 8: '打折' })] }))).toEqual([['unknown_rule_type', `I${r}`]]);
  });

  it('tells a price from a percent by the rule type', () => {
    const r = firstRuleRow();
    const list = problems({
      rules: [
        rule({ 0: 'A', 8: '折扣上限', 9: 15800 }),
        rule({ 0: 'B', 8: '固定价', 9: '15%' }),
        rule({ 0: 'C', 8: '最低价', 9: 0.15 }),
        rule({ 0: 'D', 8: '追加折扣', 9: '¥300' }),
        rule({ 0: 'E', 8: '固定价', 9: 0.2 }),
      ],
      formats: { [r + 4]: { 9: '0%' } },
    });
    expect(at(list)).toEqual([
      ['value_not_percent', `J${r}`],
      ['value_not_price', `J${r + 1}`],
      ['value_not_price', `J${r + 2}`],
      ['value_not_percent', `J${r + 3}`],
      ['value_not_price', `J${r + 4}`],
    ]);
    expect(list[0]?.message['zh-CN']).toContain('像是价格');
    expect(list[2]?.message['en-US']).toContain('looks like a discount fraction');
  });

  it('flags bad dates: unreadable cells, reversed ranges and the settings date', () => {
    const r = firstRuleRow();
    const list = problems({
      settings: ['增值税率', '13%', '生效日期', '明年'],
      rules: [rule({ 0: 'A', 6: '2026-02-30' }), rule({ 0: 'B', 6: '2026-06-01', 7: '2026-05-01' })],
    });
    expect(at(list)).toEqual([
      ['unreadable_cell', 'D2'],
      ['unreadable_cell', `G${r}`],
      ['bad_date_range', `H${r + 1}`],
    ]);
  });

  it('says so when the effective date or VAT rate is not there', () => {
    const read = readPolicySheet(policyGrid({ settings: null }));
    expect(at(read.problems)).toEqual([
      ['vat_rate_assumed', null],
      ['missing_effective_date', null],
    ]);
    expect(read.problems.map((p) => p.severity)).toEqual(['warning', 'error']);
    expect(read.policy.vatRate).toBe(13);
    expect(read.canPublish).toBe(false);
  });

  it('reports two tying rules on both rows, naming both', () => {
    const r = firstRuleRow();
    const list = problems({
      rules: [
        rule({ 0: 'R-1', 2: '类别:潜水泵', 8: '折扣上限', 9: '20%' }),
        rule({ 0: 'R-2', 2: '类别:潜水泵', 8: '固定价', 9: 15000 }),
      ],
    });
    expect(at(list)).toEqual([
      ['rules_tie', `A${r}`],
      ['rules_tie', `A${r + 1}`],
    ]);
    for (const p of list) {
      expect(p.message['zh-CN']).toContain('R-1');
      expect(p.message['zh-CN']).toContain('R-2');
      expect(p.message['zh-CN']).toContain(`第 ${r} 行、第 ${r + 1} 行`);
      expect(p.origin).toBe('check');
    }
    expect(list[0]?.also.map((c) => c.cell)).toEqual([`A${r + 1}`]);
  });

  it('reports a duplicate rule id on both rows', () => {
    const r = firstRuleRow();
    const list = problems({ rules: [rule({ 2: '型号:QJ200-50' }), rule({ 2: '型号:IS80-65-160', 1: 10 })] });
    expect(at(list)).toEqual([
      ['duplicate_rule_id', `A${r}`],
      ['duplicate_rule_id', `A${r + 1}`],
    ]);
    expect(list[0]?.message['en-US']).toContain(`rows ${r} and ${r + 1}`);
  });

  it('maps the check’s rule-versus-product problems to the value cell', () => {
    const r = firstRuleRow();
    const list = problems({ rules: [rule({ 8: '最低价', 9: 20000 })] });
    expect(at(list)).toEqual([['rule_floor_above_list', `J${r}`]]);
  });

  it('reports a missing products block and a missing caps block', () => {
    const list = problems({ products: null, caps: null, rules: null });
    expect(list.map((p) => [p.code, p.severity, p.cell])).toEqual([
      ['no_products_block', 'error', null],
      ['no_caps_block', 'warning', null],
    ]);
  });

  it('reports a block whose header lacks a required column', () => {
    const grid = policyGrid();
    grid.values[4] = ['产品型号', '产品名称', '产品类别', '单位', '随便', '最低限价', '美元指导价'];
    const list = readPolicySheet(grid).problems;
    expect(list[0]).toMatchObject({ code: 'missing_column', cell: 'A5' });
    expect(list[0]?.message['zh-CN']).toContain('指导价');
  });

  it('reads hidden rows but warns about them', () => {
    const read = readPolicySheet(policyGrid({ hiddenRows: [7] }));
    expect(at(read.problems)).toEqual([['hidden_rows', 'A7']]);
    expect(read.problems[0]?.severity).toBe('warning');
    expect(read.canPublish).toBe(true);
    expect(read.policy.products).toHaveLength(2);
  });

  it('leaves out note rows under a block', () => {
    const read = readPolicySheet(
      policyGrid({
        products: [...DEFAULT_PRODUCTS, ['注：以上价格均为含税价']],
        rules: [...DEFAULT_RULES, ['备注：规则按优先级执行']],
      }),
    );
    expect(read.problems).toEqual([]);
    expect(read.policy.products).toHaveLength(2);
    expect(read.policy.rules).toHaveLength(1);
  });

  it('keeps good rows when others are bad', () => {
    const read = readPolicySheet(
      policyGrid({
        products: [...DEFAULT_PRODUCTS, ['X-9', '', '', '', 'abc', '', '']],
        rules: [rule({ 0: 'A', 8: '打折' }), rule({ 0: 'B' })],
      }),
    );
    expect(read.policy.products).toHaveLength(3);
    expect(read.policy.rules.map((x) => x.id)).toEqual(['B']);
    expect(read.canPublish).toBe(false);
  });
});
