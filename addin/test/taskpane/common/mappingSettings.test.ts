import {
  fromSavedMapping,
  loadMappingOverrides,
  mappingSettingKey,
  saveMappingOverrides,
  toSavedMapping,
} from '../../../src/taskpane/common/mappingSettings';
import { smallLedger, workbookOf } from '../../priceCheck/support';

describe('remembered column mappings', () => {
  it('keys them by kind and sheet and stores column letters', () => {
    expect(mappingSettingKey('salesLedger', '销售台账')).toBe('mapping:salesLedger:销售台账');
    expect(toSavedMapping<'salesLedger'>({ unitPrice: 8, remarks: null, model: 27 })).toEqual({
      version: 1,
      columns: { unitPrice: 'I', remarks: null, model: 'AB' },
    });
  });

  it('reads back only known fields and real column letters', () => {
    expect(
      fromSavedMapping('salesLedger', {
        version: 1,
        columns: { unitPrice: 'I', remarks: null, model: 'AB', bogus: 'C', qty: '12', customer: 5 },
      }),
    ).toEqual({ unitPrice: 8, remarks: null, model: 27 });
    for (const junk of [undefined, null, 'I', 42, { columns: 'x' }, []])
      expect(fromSavedMapping('salesLedger', junk)).toEqual({});
  });

  it('round-trips through the workbook and forgets an empty mapping', async () => {
    const wb = workbookOf({ 销售台账: smallLedger() });
    await saveMappingOverrides(wb, 'salesLedger', '销售台账', { unitPrice: 10 });
    expect(JSON.parse(wb.model.settings.get('mapping:salesLedger:销售台账') ?? 'null')).toEqual({
      version: 1,
      columns: { unitPrice: 'K' },
    });
    expect(await loadMappingOverrides(wb, 'salesLedger', '销售台账')).toEqual({ unitPrice: 10 });
    expect(await loadMappingOverrides(wb, 'salesLedger', '别的表')).toEqual({});
    await saveMappingOverrides(wb, 'salesLedger', '销售台账', {});
    expect(wb.model.settings.has('mapping:salesLedger:销售台账')).toBe(false);
  });
});
