/**
 * How names on a sheet are matched: models, customers, regions, approval refs and product types are
 * compared after NFKC (full-width → half-width), trimming, collapsing inner spaces and upper-casing,
 * so `ＱＪ-50 `, `qj-50` and `QJ-50` are one model.
 */
import { CUSTOMER_CLASSES, CUSTOMER_CLASS_LABELS, type CustomerClass } from '../../contract/pricing';

// Printable ASCII without stray spaces needs only upper-casing (the common case, kept cheap).
const PLAIN = /^[!-~]+(?: [!-~]+)*$/;

// Names (models, customers, regions) repeat a lot across a ledger: remember recent answers, so a
// repeated name costs one lookup and no new string.
const remembered = new Map<string, string>();
const REMEMBER_AT_MOST = 50_000;

export function matchKey(text: string): string {
  let key = remembered.get(text);
  if (key === undefined) {
    key = PLAIN.test(text)
      ? text.toUpperCase()
      : text.normalize('NFKC').trim().replace(/\s+/g, ' ').toUpperCase();
    if (remembered.size >= REMEMBER_AT_MOST) remembered.clear();
    remembered.set(text, key);
  }
  return key;
}

const CLASS_BY_KEY = new Map<string, CustomerClass>();
for (const cls of CUSTOMER_CLASSES) {
  const label = CUSTOMER_CLASS_LABELS[cls];
  for (const alias of [cls, label['en-US'], label.code]) CLASS_BY_KEY.set(matchKey(alias), cls);
}

/** The canonical class for `经销商`, `Distributor` or `distributor`; undefined when unknown. */
export function customerClassOf(text: string): CustomerClass | undefined {
  return CLASS_BY_KEY.get(matchKey(text));
}

export function isCanonicalCustomerClass(text: string): text is CustomerClass {
  return (CUSTOMER_CLASSES as readonly string[]).includes(text);
}
