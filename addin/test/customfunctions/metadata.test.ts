// The function help Excel shows: the metadata generated from functions.ts (en-US) and its zh-CN
// translation, as the build makes functions.en-US.json and functions.json. Chinese Excel shows
// parameter names and descriptions in the formula bar, so every one must be in Chinese.
import { generateCustomFunctionsMetadata } from 'custom-functions-metadata';
import { join } from 'path';
import { readFileSync } from 'fs';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { localize } = require('../../build/localizedMetadata') as {
  localize: (metadata: Metadata, table: unknown, locale: string) => Metadata;
};

interface Metadata {
  functions: {
    id: string;
    name: string;
    description: string;
    parameters: { name: string; description: string; optional?: boolean; type?: string }[];
  }[];
}

const dir = join(__dirname, '..', '..', 'src', 'customfunctions');
const table = JSON.parse(readFileSync(join(dir, 'functions.zh-CN.json'), 'utf8')) as Record<
  string,
  { parameters: Record<string, { name: string; description: string }> }
>;
const HAN = /[\u4e00-\u9fff]/;
let en: Metadata;
let zh: Metadata;

beforeAll(async () => {
  const generated = await generateCustomFunctionsMetadata(join(dir, 'functions.ts'));
  expect(generated.errors).toEqual([]);
  en = JSON.parse(generated.metadataJson) as Metadata;
  zh = localize(en, table, 'zh-CN');
}, 60_000);

const fn = (m: Metadata, id: string) => m.functions.find((f) => f.id === id)!;
const names = (m: Metadata, id: string) => fn(m, id).parameters.map((p) => p.name);

test('every zh-CN parameter has a Chinese name and description, every function a Chinese description', () => {
  expect(zh.functions.map((f) => f.id).sort()).toEqual(en.functions.map((f) => f.id).sort());
  for (const f of zh.functions) {
    expect(f.description).toMatch(HAN);
    for (const p of f.parameters) {
      expect({ fn: f.id, name: p.name }).toEqual({ fn: f.id, name: expect.stringMatching(HAN) });
      expect(p.description).toMatch(HAN);
    }
  }
  for (const f of en.functions) expect(f.description).not.toMatch(HAN);
});

test('PRICECHECK keeps its six arguments first and adds the optional inputs after them', () => {
  expect(names(en, 'PRICECHECK')).toEqual([
    'model',
    'customerClass',
    'qty',
    'unitPrice',
    'orderDate',
    'approvalRef',
    'newOrOld',
    'region',
    'customer',
    'currency',
    'taxBasis',
  ]);
  expect(
    fn(en, 'PRICECHECK')
      .parameters.slice(4)
      .every((p) => p.optional),
  ).toBe(true);
  expect(names(zh, 'PRICECHECK')).toEqual([
    '产品型号',
    '客户类别',
    '数量',
    '单价',
    '下单日期',
    '审批单号',
    '新老客户',
    '片区',
    '客户名称',
    '币种',
    '含税方式',
  ]);
  // text such as ２１２００ or 10台 reaches the function (a number parameter would be #VALUE! first)
  expect(fn(en, 'PRICECHECK').parameters.find((p) => p.name === 'unitPrice')?.type).toBe('any');
  expect(names(en, 'MINPRICE')).toEqual([
    'model',
    'customerClass',
    'qty',
    'orderDate',
    'newOrOld',
    'region',
    'customer',
    'currency',
  ]);
});

test('PLAN takes its unit (元 / 万元) and says so', () => {
  expect(names(zh, 'PLAN')).toEqual(['年度', '月份', '产品类别', '片区', '业务员', '单位']);
  expect(fn(zh, 'PLAN').description).toMatch(/元.*万元/);
  expect(fn(en, 'PLAN').parameters.at(-1)?.description).toMatch(/元 or 万元/);
});

test('a parameter without its zh-CN name fails the build', () => {
  const broken = JSON.parse(JSON.stringify(table)) as typeof table;
  delete (broken.PLAN!.parameters.unit as Partial<{ name: string }>).name;
  expect(() => localize(en, broken, 'zh-CN')).toThrow(/PLAN\(unit\)/);
});
