// The preview's sign-in for a regional manager: the local issuer (the real dev host, real RS256 tokens)
// mints the 片区 picked in the preview into the token, a new pick means a new token, and the API then
// limits the manager to that region. Other roles' tokens name no region.
import { useAzurite } from '../../../functions/test/support/azurite';
import { useDevHost } from '../../../functions/test/support/http';
import { tokenFor } from '../support/signIn';
import {
  localIssuerProvider,
  PREVIEW_REGION_KEY,
  PREVIEW_ROLE_KEY,
  previewRegion,
  previewRole,
  readClaims,
} from '../../src/auth';

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, String(value)),
  };
}

describe('preview sign-in with a 片区', () => {
  useAzurite();
  const host = useDevHost();

  beforeAll(async () => {
    const res = await fetch(`${host.baseUrl}/ledgers/shipments/2026-03`, {
      method: 'PUT',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${tokenFor('张内勤', ['Sales.Clerk'])}`,
      },
      body: JSON.stringify({
        rows: [
          ['E-1', '华东水务', '华东'],
          ['S-1', '广州泵业', '华南'],
        ].map(([deliveryNo, customer, region], i) => ({
          shipDate: '2026-03-05',
          deliveryNo,
          customer,
          region,
          model: 'QJ-100',
          qty: 1,
          amount: '100.00',
          source: { sheet: '发货台账', row: 3 + i },
        })),
      }),
    });
    expect(res.status).toBe(200);
  });

  it('mints the picked region for a manager, a new one when the pick changes, and the API follows it', async () => {
    const storage = memoryStorage();
    storage.setItem(PREVIEW_ROLE_KEY, 'Sales.Manager');
    expect(previewRegion(storage)).toBe('华东');
    const provider = localIssuerProvider({
      apiBaseUrl: () => host.baseUrl,
      role: () => previewRole(storage),
      storage,
    });
    const customers = async () => {
      const token = await provider.getToken();
      const res = await fetch(`${host.baseUrl}/receivables?asOf=2026-03-31`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { customers: { customer: string }[] }).customers.map((c) => c.customer);
    };
    const first = await provider.getToken();
    expect(readClaims(first!)).toMatchObject({ roles: ['Sales.Manager'], region: '华东' });
    expect(provider.user()?.name).toBe('本地 Sales.Manager 华东');
    expect(await customers()).toEqual(['华东水务']);

    storage.setItem(PREVIEW_REGION_KEY, '华南');
    const second = await provider.getToken();
    expect(second).not.toBe(first);
    expect(readClaims(second!)?.region).toBe('华南');
    expect(await customers()).toEqual(['广州泵业']);

    storage.setItem(PREVIEW_ROLE_KEY, 'Sales.Head');
    const head = await provider.getToken();
    expect(readClaims(head!)?.region).toBeUndefined();
    expect((await customers()).sort()).toEqual(['华东水务', '广州泵业'].sort());
  });
});
