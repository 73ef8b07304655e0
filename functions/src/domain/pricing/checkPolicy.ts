/**
 * Checks a price policy before it is published. Every problem says where it is (section, index or
 * class, field) so the add-in can point at sheet / row / column, what was found and what was expected.
 * Errors block publishing; warnings do not.
 *
 * Two rules tie when neither outranks the other and both could apply to one line: same slot (see
 * precedence.ts), same priority, same product and customer scope, same start date, overlapping
 * quantity ranges and validity. The tie is reported naming both rules, at publish time rather than
 * when an order happens to hit both.
 */
import {
  CUSTOMER_CLASSES,
  type Bilingual,
  type PolicyLocation,
  type PolicyProblem,
  type PolicyProblemCode,
  type PricePolicy,
} from '../../contract/pricing';
import { formatFen, percentToBp, tryYuanToFen } from '../money';
import { checkCredit, checkRebateTiers } from './checkPolicyBlocks';
import { compileRule, type CompiledRule } from './compile';
import { isIsoDate } from './dates';
import { both, customerScopeText, money, productScopeText } from './describe';
import { customerClassOf, isCanonicalCustomerClass, matchKey } from './keys';
import { samePrecedence } from './precedence';

type Severity = PolicyProblem['severity'];

class Problems {
  readonly list: PolicyProblem[] = [];
  add(
    code: PolicyProblemCode,
    severity: Severity,
    where: PolicyLocation,
    message: Bilingual,
    also?: PolicyLocation[],
  ) {
    this.list.push({ code, severity, where, message, ...(also ? { also } : {}) });
  }
}

/** True when the problems allow publishing (no errors). */
export function canPublish(problems: readonly PolicyProblem[]): boolean {
  return problems.every((p) => p.severity !== 'error');
}

export function checkPolicy(policy: PricePolicy): PolicyProblem[] {
  const problems = new Problems();
  checkSettings(policy, problems);
  const productsByKey = checkProducts(policy, problems);
  checkCaps(policy, problems);
  checkRules(policy, productsByKey, problems);
  const add = problems.add.bind(problems);
  checkRebateTiers(policy, add);
  checkCredit(policy, add);
  return problems.list;
}

function checkSettings(policy: PricePolicy, problems: Problems): void {
  const vat = policy.vatRate;
  if (!Number.isFinite(vat) || vat < 0 || vat >= 100) {
    problems.add(
      'invalid_vat_rate',
      'error',
      { section: 'policy', field: 'vatRate' },
      both(
        `增值税率 ${vat} 不合理，应为 0 到 100 之间的百分数（如 13 表示 13%）`,
        `VAT rate ${vat} is not valid; expected a percent from 0 to 100 (13 means 13%)`,
      ),
    );
  } else if (vat > 0 && vat < 1) {
    problems.add(
      'vat_rate_looks_like_fraction',
      'warning',
      { section: 'policy', field: 'vatRate' },
      both(
        `增值税率为 ${vat}%，像是写成了小数；13% 应写作 13`,
        `VAT rate is ${vat}%, which looks like a fraction; 13% is written 13`,
      ),
    );
  }
  if (!isIsoDate(policy.effectiveDate)) {
    problems.add(
      'invalid_date',
      'error',
      { section: 'policy', field: 'effectiveDate' },
      both(
        `生效日期 "${policy.effectiveDate}" 无法识别，应为 YYYY-MM-DD 格式的日期`,
        `effective date "${policy.effectiveDate}" cannot be read; expected a date as YYYY-MM-DD`,
      ),
    );
  }
}

interface KnownProduct {
  readonly index: number;
  readonly model: string;
  readonly productTypeKey: string;
  readonly list: Partial<Record<'CNY' | 'USD', number>>;
  readonly floor: Partial<Record<'CNY' | 'USD', number>>;
}

function checkProducts(policy: PricePolicy, problems: Problems): Map<string, KnownProduct> {
  const byKey = new Map<string, KnownProduct>();
  policy.products.forEach((product, index) => {
    const model = product.model.trim();
    const at = (field?: string): PolicyLocation => ({
      section: 'products',
      index,
      ...(model ? { model } : {}),
      ...(field ? { field } : {}),
    });
    const label = model
      ? both(`型号 ${model}`, `Model ${model}`)
      : both(`第 ${index + 1} 个产品`, `Product ${index + 1}`);
    if (!model) {
      problems.add(
        'missing_model',
        'error',
        at('model'),
        both(`${label['zh-CN']}：缺少产品型号`, `${label['en-US']}: the model is missing`),
      );
    }
    const price = (field: string, value: number | null | undefined, what: Bilingual, required: boolean) => {
      if (value === null || value === undefined) {
        if (required) {
          problems.add(
            'missing_price',
            'error',
            at(field),
            both(
              `${label['zh-CN']}：缺少${what['zh-CN']}`,
              `${label['en-US']}: the ${what['en-US']} is missing`,
            ),
          );
        }
        return undefined;
      }
      const fen = tryYuanToFen(value);
      if (fen === undefined || fen <= 0) {
        problems.add(
          'non_positive_price',
          'error',
          at(field),
          both(
            `${label['zh-CN']}：${what['zh-CN']}应大于 0，实为 ${value}`,
            `${label['en-US']}: the ${what['en-US']} must be greater than 0; found ${value}`,
          ),
        );
        return undefined;
      }
      if (tryYuanToFen(value, 'exact') === undefined) {
        problems.add(
          'price_not_exact',
          'warning',
          at(field),
          both(
            `${label['zh-CN']}：${what['zh-CN']} ${value} 超过两位小数，按 ${formatFen(fen)} 计`,
            `${label['en-US']}: the ${what['en-US']} ${value} has more than 2 decimals; taken as ${formatFen(fen)}`,
          ),
        );
      }
      return fen;
    };
    const list = price('listPrice', product.listPrice, both('指导价', 'list price'), true);
    const floor = price('floorPrice', product.floorPrice, both('最低限价', 'floor price'), false);
    const listUsd = price('listPriceUsd', product.listPriceUsd, both('美元指导价', 'USD list price'), false);
    const floorUsd = price(
      'floorPriceUsd',
      product.floorPriceUsd,
      both('美元最低限价', 'USD floor price'),
      false,
    );
    const floorAbove = (field: string, floorFen: number, listFen: number, currency: 'CNY' | 'USD') =>
      problems.add(
        'floor_above_list',
        'error',
        at(field),
        both(
          `${label['zh-CN']}：最低限价 ${money(floorFen, currency)} 高于指导价 ${money(listFen, currency)}`,
          `${label['en-US']}: the floor price ${money(floorFen, currency)} is above the list price ${money(listFen, currency)}`,
        ),
      );
    if (list !== undefined && floor !== undefined && floor > list)
      floorAbove('floorPrice', floor, list, 'CNY');
    if (listUsd !== undefined && floorUsd !== undefined && floorUsd > listUsd)
      floorAbove('floorPriceUsd', floorUsd, listUsd, 'USD');
    if (floorUsd !== undefined && (product.listPriceUsd === null || product.listPriceUsd === undefined)) {
      problems.add(
        'missing_price',
        'error',
        at('listPriceUsd'),
        both(
          `${label['zh-CN']}：有美元最低限价但缺少美元指导价`,
          `${label['en-US']}: there is a USD floor price but no USD list price`,
        ),
      );
    }
    if (!model) return;
    const key = matchKey(model);
    const first = byKey.get(key);
    if (first) {
      problems.add(
        'duplicate_model',
        'error',
        at('model'),
        both(
          `型号 ${model} 重复：与第 ${first.index + 1} 个产品（${first.model}）相同`,
          `Model ${model} is listed twice: same as product ${first.index + 1} (${first.model})`,
        ),
        [{ section: 'products', index: first.index, model: first.model, field: 'model' }],
      );
      return;
    }
    byKey.set(key, {
      index,
      model,
      productTypeKey: matchKey(product.productType),
      list: {
        ...(list !== undefined ? { CNY: list } : {}),
        ...(listUsd !== undefined ? { USD: listUsd } : {}),
      },
      floor: {
        ...(floor !== undefined ? { CNY: floor } : {}),
        ...(floorUsd !== undefined ? { USD: floorUsd } : {}),
      },
    });
  });
  return byKey;
}

const CLASS_LIST = CUSTOMER_CLASSES.join('、');

function checkCaps(policy: PricePolicy, problems: Problems): void {
  for (const [name, cap] of Object.entries(policy.discountCaps)) {
    if (!isCanonicalCustomerClass(name)) {
      const canonical = customerClassOf(name);
      problems.add(
        'unknown_customer_class',
        'error',
        { section: 'discountCaps', customerClass: name },
        canonical
          ? both(
              `客户类别 "${name}" 请写作 "${canonical}"`,
              `Customer class "${name}" should be written "${canonical}"`,
            )
          : both(
              `客户类别 "${name}" 未知，应为 ${CLASS_LIST} 之一`,
              `Customer class "${name}" is unknown; expected one of ${CUSTOMER_CLASSES.join(', ')}`,
            ),
      );
    }
    for (const field of ['old', 'new'] as const) {
      const value = cap[field];
      const who = field === 'old' ? both('老客户', 'existing-customer') : both('新客户', 'new-customer');
      const where: PolicyLocation = { section: 'discountCaps', customerClass: name, field };
      if (value === null || value === undefined) {
        problems.add(
          'missing_cap',
          'error',
          where,
          both(
            `客户类别 ${name}：缺少${who['zh-CN']}折扣上限`,
            `Customer class ${name}: the ${who['en-US']} discount cap is missing`,
          ),
        );
        continue;
      }
      const bp = percentToBp(value);
      if (bp === undefined || bp < 0 || bp > 10000) {
        problems.add(
          'cap_out_of_range',
          'error',
          where,
          both(
            `客户类别 ${name}：${who['zh-CN']}折扣上限 ${value}% 超出 0–100%`,
            `Customer class ${name}: the ${who['en-US']} discount cap ${value}% is outside 0–100%`,
          ),
        );
      }
    }
  }
}

function checkRules(
  policy: PricePolicy,
  products: ReadonlyMap<string, KnownProduct>,
  problems: Problems,
): void {
  const productTypes = new Set([...products.values()].map((p) => p.productTypeKey));
  const firstById = new Map<string, number>();
  const sound: CompiledRule[] = [];
  policy.rules.forEach((rule, index) => {
    const compiled = compileRule(rule, index);
    const id = compiled.id;
    const at = (field?: string): PolicyLocation => ({
      section: 'rules',
      index,
      ...(id ? { ruleId: id } : {}),
      ...(field ? { field } : {}),
    });
    const label = id ? both(`规则 ${id}`, `Rule ${id}`) : both(`第 ${index + 1} 条规则`, `Rule ${index + 1}`);
    const add = (
      code: PolicyProblemCode,
      field: string | undefined,
      zh: string,
      en: string,
      severity: Severity = 'error',
    ) =>
      problems.add(code, severity, at(field), both(`${label['zh-CN']}：${zh}`, `${label['en-US']}: ${en}`));
    let ok = true;

    if (!id) {
      add('missing_rule_id', 'id', '缺少规则编号', 'the rule id is missing');
    } else if (firstById.has(id)) {
      const first = firstById.get(id) ?? 0;
      problems.add(
        'duplicate_rule_id',
        'error',
        at('id'),
        both(
          `规则编号 ${id} 重复：第 ${first + 1} 条规则也用了它`,
          `Rule id ${id} is used twice: rule ${first + 1} has it too`,
        ),
        [{ section: 'rules', index: first, ruleId: id, field: 'id' }],
      );
    } else {
      firstById.set(id, index);
    }

    // Scope.
    if (compiled.fault === 'product') {
      ok = false;
      add(
        'bad_scope',
        'product',
        '产品范围只能填型号或产品类别之一',
        'the product scope must be a model or a product type, not both',
      );
    }
    if (compiled.fault === 'customer') {
      ok = false;
      add(
        'bad_scope',
        'customer',
        '客户范围只能填客户名称、客户类别或片区之一',
        'the customer scope must be one of customer name, customer class or region',
      );
    }
    if (compiled.fault === 'customerClass') {
      ok = false;
      add(
        'unknown_customer_class',
        'customer',
        `客户类别 "${compiled.customerText}" 未知，应为 ${CLASS_LIST} 之一`,
        `customer class "${compiled.customerText}" is unknown; expected one of ${CUSTOMER_CLASSES.join(', ')}`,
      );
    }
    if (compiled.productLevel === 2 && !products.has(compiled.productKey)) {
      add(
        'unknown_model',
        'product',
        `型号 ${compiled.productText} 不在产品表中，此规则不会生效`,
        `model ${compiled.productText} is not in the product list, so the rule never applies`,
        'warning',
      );
    }
    if (compiled.productLevel === 1 && !productTypes.has(compiled.productKey)) {
      add(
        'unknown_product_type',
        'product',
        `没有产品属于类别 ${compiled.productText}，此规则不会生效`,
        `no product has the type ${compiled.productText}, so the rule never applies`,
        'warning',
      );
    }

    // Quantity range.
    for (const field of ['minQty', 'maxQty'] as const) {
      const value = rule[field];
      if (value !== null && value !== undefined && value < 0) {
        ok = false;
        add('bad_qty_range', field, `数量 ${value} 不能为负`, `quantity ${value} must not be negative`);
      }
    }
    if (rule.minQty != null && rule.maxQty != null && rule.minQty > rule.maxQty) {
      ok = false;
      add(
        'bad_qty_range',
        'maxQty',
        `数量上限 ${rule.maxQty} 小于下限 ${rule.minQty}`,
        `the maximum quantity ${rule.maxQty} is below the minimum ${rule.minQty}`,
      );
    }

    // Validity.
    for (const field of ['validFrom', 'validTo'] as const) {
      const value = rule[field];
      if (value !== null && value !== undefined && value !== '' && !isIsoDate(value)) {
        ok = false;
        add(
          'invalid_date',
          field,
          `日期 "${value}" 无法识别，应为 YYYY-MM-DD`,
          `the date "${value}" cannot be read; expected YYYY-MM-DD`,
        );
      }
    }
    if (isIsoDate(rule.validFrom) && isIsoDate(rule.validTo) && rule.validTo < rule.validFrom) {
      ok = false;
      add(
        'bad_date_range',
        'validTo',
        `截止日期 ${rule.validTo} 早于开始日期 ${rule.validFrom}`,
        `the end date ${rule.validTo} is before the start date ${rule.validFrom}`,
      );
    }

    // Effect.
    const effect = rule.effect;
    if (effect.kind === 'discountCap' || effect.kind === 'extraDiscount') {
      const bp = percentToBp(effect.pct);
      if (bp === undefined || bp < 0 || bp > 10000) {
        ok = false;
        add(
          'bad_effect',
          'effect',
          `折扣 ${effect.pct}% 超出 0–100%`,
          `the discount ${effect.pct}% is outside 0–100%`,
        );
      }
    } else {
      const fen = tryYuanToFen(effect.price);
      if (fen === undefined || fen <= 0) {
        ok = false;
        add(
          'bad_effect',
          'effect',
          `价格应大于 0，实为 ${effect.price}`,
          `the price must be greater than 0; found ${effect.price}`,
        );
      } else {
        checkPriceAgainstProducts(compiled, products, add);
      }
    }
    if (ok && compiled.usable) sound.push(compiled);
  });
  findTies(sound, problems);
}

type AddRuleProblem = (
  code: PolicyProblemCode,
  field: string | undefined,
  zh: string,
  en: string,
  severity?: Severity,
) => void;

const MAX_NAMED_MODELS = 5;

/** A fixed price under a product's floor (the floor wins), or a floor rule over its list price. */
function checkPriceAgainstProducts(
  rule: CompiledRule,
  products: ReadonlyMap<string, KnownProduct>,
  add: AddRuleProblem,
): void {
  const hits: string[] = [];
  for (const [key, product] of products) {
    const inScope =
      rule.productLevel === 0 ||
      (rule.productLevel === 1 && product.productTypeKey === rule.productKey) ||
      (rule.productLevel === 2 && key === rule.productKey);
    if (!inScope) continue;
    if (rule.kind === 'fixedPrice') {
      const floor = product.floor[rule.currency];
      if (floor !== undefined && rule.fen < floor)
        hits.push(`${product.model} (${money(floor, rule.currency)})`);
    } else {
      const list = product.list[rule.currency];
      if (list !== undefined && rule.fen > list)
        hits.push(`${product.model} (${money(list, rule.currency)})`);
    }
  }
  if (hits.length === 0) return;
  const named = hits.slice(0, MAX_NAMED_MODELS).join(', ');
  const more = hits.length > MAX_NAMED_MODELS ? hits.length - MAX_NAMED_MODELS : 0;
  const price = money(rule.fen, rule.currency);
  if (rule.kind === 'fixedPrice') {
    add(
      'fixed_price_below_floor',
      'effect',
      `限定价 ${price} 低于这些型号的最低限价，将按最低限价执行：${named}${more ? ` 等 ${hits.length} 个` : ''}`,
      `the fixed price ${price} is below the floor of these models, so their floor applies: ${named}${more ? ` and ${more} more` : ''}`,
      'warning',
    );
  } else {
    add(
      'rule_floor_above_list',
      'effect',
      `最低限价 ${price} 高于这些型号的指导价：${named}${more ? ` 等 ${hits.length} 个` : ''}`,
      `the floor ${price} is above the list price of these models: ${named}${more ? ` and ${more} more` : ''}`,
    );
  }
}

function rangesOverlap(aFrom: number, aTo: number, bFrom: number, bTo: number): boolean {
  return aFrom <= bTo && bFrom <= aTo;
}

function datesOverlap(a: CompiledRule, b: CompiledRule): boolean {
  const aTo = a.validTo || '9999-12-31';
  const bTo = b.validTo || '9999-12-31';
  return a.validFrom <= bTo && b.validFrom <= aTo;
}

function findTies(rules: readonly CompiledRule[], problems: Problems): void {
  // Only rules with identical ranking keys and scope can tie: group by them, then compare pairs.
  const groups = new Map<string, CompiledRule[]>();
  for (const rule of rules) {
    const key = [
      rule.slot,
      rule.priority,
      rule.productLevel,
      rule.productKey,
      rule.customerLevel,
      rule.customerKey,
      rule.validFrom,
    ].join('\u0001');
    const group = groups.get(key);
    if (group) group.push(rule);
    else groups.set(key, [rule]);
  }
  for (const group of groups.values()) {
    for (let j = 1; j < group.length; j++) {
      for (let i = 0; i < j; i++) {
        const a = group[i];
        const b = group[j];
        if (!a || !b || !samePrecedence(a, b)) continue;
        if (!rangesOverlap(a.minQty, a.maxQty, b.minQty, b.maxQty) || !datesOverlap(a, b)) continue;
        const scope = both(
          `${productScopeText(a)['zh-CN']} · ${customerScopeText(a)['zh-CN']}`,
          `${productScopeText(a)['en-US']} · ${customerScopeText(a)['en-US']}`,
        );
        const start = a.validFrom || '—';
        problems.add(
          'rules_tie',
          'error',
          { section: 'rules', index: b.index, ruleId: b.id },
          both(
            `规则 ${a.id} 与规则 ${b.id} 无法分出先后：优先级（${a.priority}）、适用范围（${scope['zh-CN']}）和开始日期（${start}）都相同，数量范围和有效期又有重叠。请调整其中一条的优先级、范围或日期。`,
            `Rules ${a.id} and ${b.id} tie: same priority (${a.priority}), same scope (${scope['en-US']}) and same start date (${start}), with overlapping quantity ranges and validity. Change the priority, scope or dates of one of them.`,
          ),
          [{ section: 'rules', index: a.index, ruleId: a.id }],
        );
      }
    }
  }
}
