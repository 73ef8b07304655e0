/**
 * The text forms of quantities and prices docs/api-pricing.md promises (issue 13: the docs said text
 * was "not a number", while `"10"` is read, rightly). Pure: readLine is what validation runs per line.
 */
import { readLine } from '../../src/domain/pricing/readLine';

const line = (qty: unknown, unitPrice: unknown) => readLine({ id: 1, model: 'QJ-200', qty, unitPrice });

describe('numbers sent as text', () => {
  it.each([
    ['10', 10],
    [' 10 ', 10],
    ['2.5', 2.5],
    ['.5', 0.5],
    ['+3', 3],
  ])('qty %j is read as %d', (text, qty) => {
    expect(line(text, 1).qty).toBe(qty);
  });

  it.each(['1e3', '1,000', '１０', '10台'])('qty %j is not a number (invalid, said why)', (text) => {
    const read = line(text, 1);
    expect(read.qty).toBeUndefined();
    expect(read.reasons.map((r) => r['en-US'])).toEqual([`the quantity "${text}" is not a number`]);
  });

  it.each([
    ['1200', 120000],
    [' 1200.50 ', 120050],
    ['1.2e3', 120000],
  ])('unitPrice %j is read as %d fen', (text, fen) => {
    expect(line(1, text).priceFen).toBe(fen);
  });

  it.each(['¥1200', '1,200', '1.2万', '１２'])('unitPrice %j is not an amount', (text) => {
    expect(line(1, text).priceFen).toBeUndefined();
  });
});
