// Template sheets for a blank workbook: one per job, with the headers the readers recognise (the
// same words the department uses), so a person can start typing where SalesDesk will look.
import type { Bilingual } from '../../i18n/locale';
import type { LedgerKind } from '../../sheets';

export interface SheetTemplate {
  /** The new sheet's name (a free `name (2)` when taken). */
  name: string;
  /** What the button says, e.g. 插入销售台账模板. */
  label: Bilingual;
  rows: (string | number)[][];
  /** 0-based rows set in bold (the title and the headers). */
  boldRows: number[];
}

const MONTHS = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);

function chinaYear(): number {
  return new Date(Date.now() + 8 * 3600 * 1000).getUTCFullYear();
}

export function salesLedgerTemplate(year = chinaYear()): SheetTemplate {
  return {
    name: '销售台账',
    label: { 'zh-CN': '插入销售台账模板', 'en-US': 'Insert a sales ledger template' },
    rows: [
      [`${year}年销售台账`],
      [
        '日期',
        '合同号',
        '客户名称',
        '客户类别',
        '新老客户',
        '片区',
        '业务员',
        '产品型号',
        '产品类别',
        '数量',
        '单价',
        '金额',
        '币种',
        '审批单号',
      ],
    ],
    boldRows: [0, 1],
  };
}

export function annualPlanTemplate(year = chinaYear()): SheetTemplate {
  return {
    name: '年度计划',
    label: { 'zh-CN': '插入年度计划模板', 'en-US': 'Insert an annual plan template' },
    rows: [[`${year}年度销售计划（单位：万元）`], ['产品类别', '片区', '业务员', '年度计划']],
    boldRows: [0, 1],
  };
}

export function seasonProfileTemplate(): SheetTemplate {
  return {
    name: '季节系数',
    label: { 'zh-CN': '插入季节系数模板', 'en-US': 'Insert a season profile template' },
    rows: [['季节系数（各月权重，可为任意正数）'], ['产品类别', ...MONTHS]],
    boldRows: [0, 1],
  };
}

/**
 * The 价格政策 sheet's blocks (title, settings, then 【产品价格】, 【折扣上限】, 【价格规则】, and the optional
 * 【返点政策】 and 【信用额度】 of formats.md).
 */
export function pricePolicyTemplate(year = chinaYear()): SheetTemplate {
  return {
    name: '价格政策',
    label: { 'zh-CN': '插入价格政策模板', 'en-US': 'Insert a price policy template' },
    rows: [
      [`${year}年价格政策（含税价，单位：元）`],
      ['增值税率', '13%', '生效日期', `${year}-01-01`, '超期预警天数', 90],
      [],
      ['【产品价格】'],
      ['产品型号', '产品名称', '产品类别', '单位', '指导价', '最低限价', '美元指导价'],
      [],
      ['【折扣上限】'],
      ['客户类别', '老客户折扣上限', '新客户折扣上限'],
      [],
      ['【价格规则】'],
      [
        '规则编号',
        '优先级',
        '产品范围',
        '客户范围',
        '最小数量',
        '最大数量',
        '生效日期',
        '失效日期',
        '规则类型',
        '数值',
        '说明',
      ],
      [],
      ['【返点政策】'],
      ['客户类别', '新老客户', '年度销量起点', '返点比例'],
      [],
      ['【信用额度】'],
      ['客户名称', '币种', '信用额度'],
    ],
    boldRows: [0, 3, 4, 6, 7, 9, 10, 12, 13, 15, 16],
  };
}

/** The template offered when no sheet of this kind is found; null when the kind has none. */
export function templateFor(kind: LedgerKind): SheetTemplate | null {
  switch (kind) {
    case 'salesLedger':
      return salesLedgerTemplate();
    case 'annualPlan':
      return annualPlanTemplate();
    case 'seasonProfile':
      return seasonProfileTemplate();
    default:
      return null;
  }
}
