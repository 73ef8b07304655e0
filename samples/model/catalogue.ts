/**
 * The reference data of the sample company (a Hunan maker of water pumps and diesel engines):
 * products and prices, reps, customers, the price policy and the season profile.
 */
import type {
  Customer,
  CustomerClass,
  DiscountCap,
  PriceRule,
  Product,
  ProductType,
  Region,
  Rep,
} from './types';

/** A floor of roughly 70 % of list, rounded to 10 yuan. */
const floor70 = (listYuan: number): number => Math.round((listYuan * 0.7) / 10) * 10 * 100;

function product(
  model: string,
  name: string,
  type: ProductType,
  unit: string,
  listYuan: number,
  qty: readonly [number, number],
  opts: { usd?: number; noFloor?: boolean } = {},
): Product {
  return {
    model,
    name,
    type,
    unit,
    listFen: listYuan * 100,
    floorFen: opts.noFloor ? null : floor70(listYuan),
    listUsdCents: opts.usd === undefined ? null : opts.usd * 100,
    qty,
  };
}

export const PRODUCTS: readonly Product[] = [
  product('495D', '495柴油机（24kW）', '柴油机', '台', 11800, [1, 6]),
  product('4100D', '4100柴油机（30kW）', '柴油机', '台', 13600, [1, 6]),
  product('4105D', '4105柴油机（37kW）', '柴油机', '台', 16800, [1, 8]),
  product('4105ZD', '4105增压柴油机（55kW）', '柴油机', '台', 19800, [1, 8], { usd: 2980 }),
  product('6105D', '6105柴油机（75kW）', '柴油机', '台', 32800, [1, 4]),
  product('6105ZD', '6105增压柴油机（90kW）', '柴油机', '台', 38600, [1, 4]),
  product('6113ZLD', '6113增压中冷柴油机（132kW）', '柴油机', '台', 52800, [1, 3]),
  product('JZ4105-150', '4105柴油机水泵机组（150m³/h）', '柴油机水泵机组', '套', 32600, [1, 3], {
    usd: 4680,
  }),
  product('JZ4105-200', '4105柴油机水泵机组（200m³/h）', '柴油机水泵机组', '套', 36800, [1, 3]),
  product('JZ6105-250', '6105柴油机水泵机组（250m³/h）', '柴油机水泵机组', '套', 58600, [1, 2]),
  product('JZ6113-300', '6113柴油机水泵机组（300m³/h）', '柴油机水泵机组', '套', 86500, [1, 2]),
  product('YDB6105-300', '6105移动式防汛泵车', '柴油机水泵机组', '台', 128000, [1, 2]),
  product('QJ50-52', '井用潜水泵 50m³/h 52m', '潜水泵', '台', 5680, [1, 12]),
  product('QJ100-80', '井用潜水泵 100m³/h 80m', '潜水泵', '台', 12800, [1, 6], { usd: 1850 }),
  product('QJ200-50', '井用潜水泵 200m³/h 50m', '潜水泵', '台', 18600, [1, 4]),
  product('WQ50-15-4', '污水潜水泵 4kW', '潜水泵', '台', 2380, [2, 30]),
  product('WQ100-20-11', '污水潜水泵 11kW', '潜水泵', '台', 6850, [1, 12]),
  product('WQ150-22-18.5', '污水潜水泵 18.5kW', '潜水泵', '台', 9860, [1, 8]),
  product('IS50-32-160', '单级单吸清水离心泵', '离心泵', '台', 1860, [2, 30]),
  product('IS65-50-160', '单级单吸清水离心泵', '离心泵', '台', 2380, [2, 30]),
  product('IS80-65-160', '单级单吸清水离心泵', '离心泵', '台', 3150, [1, 25]),
  product('IS100-80-160', '单级单吸清水离心泵', '离心泵', '台', 4260, [1, 25], { usd: 620 }),
  product('IS150-125-315', '单级单吸清水离心泵', '离心泵', '台', 9800, [1, 10]),
  product('ISG80-160', '立式管道离心泵', '离心泵', '台', 3580, [1, 20]),
  product('ZX50-32', '自吸清水泵', '自吸泵', '台', 2680, [1, 15]),
  product('ZX80-50', '自吸清水泵', '自吸泵', '台', 4150, [1, 12], { usd: 598 }),
  product('ZX100-80', '自吸清水泵', '自吸泵', '台', 6280, [1, 8]),
  product('ZW80-40-16', '自吸排污泵', '自吸泵', '台', 5360, [1, 8]),
  product('XBD8/20-100L', '立式单级消防泵', '消防泵', '台', 12800, [1, 4]),
  product('XBD10/40-150L', '立式单级消防泵', '消防泵', '台', 23500, [1, 4]),
  product('XBD12/30-100D', '卧式多级消防泵', '消防泵', '台', 18900, [1, 4]),
  product('XBC10/50-150', '柴油机消防泵组', '消防泵', '套', 68000, [1, 2]),
  product('JX-35', '机械密封 35mm', '配件', '套', 180, [5, 120], { noFloor: true }),
  product('YL-IS100', 'IS100叶轮', '配件', '只', 420, [2, 40]),
  product('PB4105', '4105喷油器总成', '配件', '只', 260, [4, 80]),
  product('HS4105', '4105缸套活塞组', '配件', '套', 880, [2, 40]),
  product('LQ-0810', '柴油滤清器', '配件', '只', 58, [10, 200], { noFloor: true }),
];

export const REPS: readonly Rep[] = [
  { name: '陈志强', region: '华东' },
  { name: '周敏', region: '华东' },
  { name: '吴建华', region: '华东' },
  { name: '刘洋', region: '华中' },
  { name: '李军', region: '华中' },
  { name: '黄海涛', region: '华中' },
  { name: '邓丽', region: '华中' },
  { name: '林国栋', region: '华南' },
  { name: '何晓燕', region: '华南' },
  { name: '梁文', region: '华南' },
  { name: '杨帆', region: '西南' },
  { name: '罗强', region: '西南' },
  { name: '谢婷', region: '西南' },
  { name: '赵明', region: '外贸' },
  { name: '孙悦', region: '外贸' },
];

function customer(
  name: string,
  cls: CustomerClass,
  region: Region,
  rep: string,
  activity: number,
  newFromMonth?: number,
): Customer {
  return {
    name,
    class: cls,
    region,
    rep,
    isNew: newFromMonth !== undefined,
    firstMonth: newFromMonth ?? 1,
    activity,
  };
}

export const CUSTOMERS: readonly Customer[] = [
  // 经销商
  customer('衡阳市雁城机电设备经营部', '经销商', '华中', '刘洋', 5),
  customer('长沙湘农泵业销售有限公司', '经销商', '华中', '李军', 5),
  customer('岳阳洞庭农机配件有限公司', '经销商', '华中', '黄海涛', 4),
  customer('武汉江汉泵阀机电有限公司', '经销商', '华中', '邓丽', 4),
  customer('郑州中原水泵经销部', '经销商', '华中', '黄海涛', 3, 3),
  customer('南昌赣江机电设备有限公司', '经销商', '华东', '陈志强', 4),
  customer('合肥庐州泵业有限公司', '经销商', '华东', '周敏', 4),
  customer('杭州钱塘水泵销售有限公司', '经销商', '华东', '吴建华', 3),
  customer('临沂沂蒙农机有限公司', '经销商', '华东', '周敏', 3),
  customer('南宁邕江机电设备有限公司', '经销商', '华南', '林国栋', 4),
  customer('广州穗丰泵业有限公司', '经销商', '华南', '何晓燕', 4),
  customer('福州闽江机电有限公司', '经销商', '华南', '梁文', 3, 5),
  customer('成都蜀泵机电设备有限公司', '经销商', '西南', '杨帆', 4),
  customer('重庆渝州泵阀经营部', '经销商', '西南', '罗强', 4),
  customer('昆明滇池机电有限公司', '经销商', '西南', '谢婷', 3),
  customer('贵阳筑城农机有限公司', '经销商', '西南', '罗强', 3, 4),
  // 重点客户
  customer('中建三局安装工程有限公司', '重点客户', '华中', '邓丽', 3),
  customer('湖南省第六工程有限公司', '重点客户', '华中', '刘洋', 2),
  customer('江西铜业集团德兴铜矿', '重点客户', '华东', '陈志强', 2),
  customer('安徽水安建设集团股份有限公司', '重点客户', '华东', '吴建华', 2, 6),
  customer('广西农垦糖业集团有限公司', '重点客户', '华南', '林国栋', 2),
  customer('广东粤海水务工程有限公司', '重点客户', '华南', '何晓燕', 2),
  customer('四川华西安装工程有限公司', '重点客户', '西南', '杨帆', 2),
  customer('中铁五局集团机电工程有限公司', '重点客户', '西南', '谢婷', 2),
  // 终端客户
  customer('衡南县宏发水产养殖专业合作社', '终端客户', '华中', '李军', 1.5),
  customer('湘潭钢铁集团动力厂', '终端客户', '华中', '刘洋', 1.5),
  customer('益阳鑫达砂石有限公司', '终端客户', '华中', '黄海涛', 1.2),
  customer('赣州稀土矿业有限公司', '终端客户', '华东', '陈志强', 1.2),
  customer('绍兴柯桥印染园区污水处理厂', '终端客户', '华东', '吴建华', 1.2),
  customer('湛江海联水产有限公司', '终端客户', '华南', '梁文', 1.2),
  customer('梧州市西江砂石有限公司', '终端客户', '华南', '林国栋', 1.2, 7),
  customer('遵义市天成煤业有限公司', '终端客户', '西南', '罗强', 1.2),
  customer('攀枝花新钢矿业有限公司', '终端客户', '西南', '杨帆', 1.2),
  // 政府采购
  customer('衡阳市水利局', '政府采购', '华中', '刘洋', 0.8),
  customer('常德市应急管理局', '政府采购', '华中', '李军', 0.8),
  customer('九江市防汛抗旱指挥部办公室', '政府采购', '华东', '周敏', 0.7),
  customer('桂林市农业农村局', '政府采购', '华南', '何晓燕', 0.7),
  customer('泸州市水务局', '政府采购', '西南', '谢婷', 0.7, 4),
  // 外贸
  customer('Nile Agro Machinery Co.', '外贸', '外贸', '赵明', 1.5),
  customer('PT Sumber Tirta Indonesia', '外贸', '外贸', '孙悦', 1.5),
  customer('Saigon Agri-Tech JSC', '外贸', '外贸', '孙悦', 1.3),
  customer('Lagos Pumps & Engines Ltd', '外贸', '外贸', '赵明', 1.2),
  customer('Karachi Irrigation Supplies (Pvt) Ltd', '外贸', '外贸', '赵明', 1.0, 3),
  // 电商
  customer('杭州云泵电子商务有限公司', '电商', '华东', '吴建华', 4),
  customer('深圳水立方电商科技有限公司', '电商', '华南', '梁文', 3, 8),
  customer('长沙禾泵网络科技有限公司', '电商', '华中', '邓丽', 4),
];

export const DISCOUNT_CAPS: readonly DiscountCap[] = [
  { class: '经销商', oldBp: 1800, newBp: 1500 },
  { class: '重点客户', oldBp: 1500, newBp: 1200 },
  { class: '终端客户', oldBp: 800, newBp: 500 },
  { class: '政府采购', oldBp: 1000, newBp: 1000 },
  { class: '外贸', oldBp: 1200, newBp: 1000 },
  { class: '电商', oldBp: 1000, newBp: 800 },
];

const YEAR_FROM = '2026-01-01';
const YEAR_TO = '2026-12-31';

/** Every priority differs, so no two rules can tie whichever lines they meet. */
export const PRICE_RULES: readonly PriceRule[] = [
  {
    id: 'R-01',
    priority: 90,
    product: { kind: 'model', model: 'QJ200-50' },
    customer: { kind: 'all' },
    minQty: null,
    maxQty: null,
    from: YEAR_FROM,
    to: YEAR_TO,
    effect: { kind: '固定价', fen: 1580000 },
    note: 'QJ200-50 统一最低成交价',
  },
  {
    id: 'R-02',
    priority: 60,
    product: { kind: 'type', type: '自吸泵' },
    customer: { kind: 'class', class: '经销商' },
    minQty: null,
    maxQty: null,
    from: YEAR_FROM,
    to: YEAR_TO,
    effect: { kind: '追加折扣', bp: 300 },
    note: '经销商自吸泵追加折扣',
  },
  {
    id: 'R-03',
    priority: 50,
    product: { kind: 'type', type: '离心泵' },
    customer: { kind: 'all' },
    minQty: 20,
    maxQty: null,
    from: YEAR_FROM,
    to: YEAR_TO,
    effect: { kind: '追加折扣', bp: 500 },
    note: '离心泵单笔20台及以上追加折扣',
  },
  {
    id: 'R-04',
    priority: 80,
    product: { kind: 'type', type: '潜水泵' },
    customer: { kind: 'all' },
    minQty: null,
    maxQty: null,
    from: '2026-06-01',
    to: '2026-08-31',
    effect: { kind: '折扣上限', bp: 2000 },
    note: '临时销售政策：汛期潜水泵促销',
  },
  {
    id: 'R-05',
    priority: 40,
    product: { kind: 'type', type: '柴油机' },
    customer: { kind: 'region', region: '西南' },
    minQty: null,
    maxQty: null,
    from: '2026-03-01',
    to: YEAR_TO,
    effect: { kind: '追加折扣', bp: 200 },
    note: '西南片区柴油机市场开拓',
  },
  {
    id: 'R-06',
    priority: 100,
    product: { kind: 'model', model: '6105ZD' },
    customer: { kind: 'all' },
    minQty: null,
    maxQty: null,
    from: YEAR_FROM,
    to: YEAR_TO,
    effect: { kind: '最低价', fen: 3000000 },
    note: '6105ZD最低限价上调（原材料涨价）',
  },
  {
    id: 'R-07',
    priority: 70,
    product: { kind: 'type', type: '消防泵' },
    customer: { kind: 'name', name: '中建三局安装工程有限公司' },
    minQty: null,
    maxQty: null,
    from: YEAR_FROM,
    to: YEAR_TO,
    effect: { kind: '折扣上限', bp: 2200 },
    note: '中建三局战略合作协议',
  },
];

/** 季节系数: percent of the year's sales per month (each row sums to 100); Spring Festival 2026-02-17. */
export const SEASON: Readonly<Record<ProductType, readonly number[]>> = {
  柴油机: [7, 4, 9, 10, 10, 9, 8, 8, 8, 9, 9, 9],
  柴油机水泵机组: [4, 2, 7, 11, 13, 14, 14, 11, 7, 6, 6, 5],
  潜水泵: [4, 2, 7, 11, 13, 14, 14, 11, 7, 6, 6, 5],
  离心泵: [6, 3, 8, 9, 9, 9, 9, 9, 9, 10, 10, 9],
  自吸泵: [5, 3, 7, 10, 12, 12, 12, 10, 8, 7, 7, 7],
  消防泵: [6, 3, 7, 8, 8, 8, 8, 8, 9, 10, 12, 13],
  配件: [7, 4, 8, 9, 10, 10, 10, 9, 9, 8, 8, 8],
};

/** Share of the year's order lines per product type. */
export const TYPE_SHARE: Readonly<Record<ProductType, number>> = {
  柴油机: 12,
  柴油机水泵机组: 8,
  潜水泵: 25,
  离心泵: 20,
  自吸泵: 12,
  消防泵: 8,
  配件: 15,
};

/** How much each class buys of each type, relative to the share. */
export const CLASS_AFFINITY: Readonly<Record<CustomerClass, Readonly<Record<ProductType, number>>>> = {
  经销商: { 柴油机: 1.2, 柴油机水泵机组: 1, 潜水泵: 1, 离心泵: 1, 自吸泵: 1.1, 消防泵: 0.5, 配件: 1.3 },
  重点客户: { 柴油机: 0.6, 柴油机水泵机组: 1, 潜水泵: 0.8, 离心泵: 1.6, 自吸泵: 0.6, 消防泵: 3, 配件: 0.4 },
  终端客户: { 柴油机: 0.5, 柴油机水泵机组: 0.8, 潜水泵: 1.4, 离心泵: 1.2, 自吸泵: 1.2, 消防泵: 0.2, 配件: 1 },
  政府采购: { 柴油机: 0.1, 柴油机水泵机组: 4, 潜水泵: 1.6, 离心泵: 0.3, 自吸泵: 0.8, 消防泵: 1.5, 配件: 0.1 },
  外贸: { 柴油机: 1.5, 柴油机水泵机组: 1.2, 潜水泵: 1, 离心泵: 1, 自吸泵: 1, 消防泵: 0, 配件: 0 },
  电商: { 柴油机: 0, 柴油机水泵机组: 0, 潜水泵: 1.3, 离心泵: 1, 自吸泵: 1.3, 消防泵: 0, 配件: 1.6 },
};

/** 电商 sells small pumps and parts only. */
export const ECOMMERCE_MAX_LIST_FEN = 700000;

/** Booking rate for export lines in the shipment ledger and the plan (CNY per USD, ×100). */
export const USD_RATE_X100 = 710;

export const CARRIERS = ['德邦物流', '顺丰快运', '安能物流', '中通快运', '客户自提', '专车配送'] as const;
export const EXPORT_CARRIER = '中远海运（长沙港）';

export const REMARKS = [
  '含运费',
  '客户自提',
  '分批发货',
  '框架协议',
  '加急',
  '含税含运',
  '现款现货',
  '送货上门',
];
