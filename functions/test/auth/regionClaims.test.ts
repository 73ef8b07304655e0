/** Where a manager's 片区 comes from: the region claim (string, list or array) and mapped groups. */
import { regionSettings } from '../../src/auth/config';
import { regionsOf } from '../../src/auth/verifyToken';

describe('regionsOf', () => {
  const settings = regionSettings({
    SALESDESK_REGION_CLAIM: 'extn.region',
    SALESDESK_REGION_GROUPS: ' AAAA-1 = 华东 ;bbbb-2=华南\ncccc-3=\n=西南',
  });

  it('reads the configured claim as a string, a separated list or an array, without duplicates', () => {
    expect(regionsOf({ 'extn.region': '华东' }, settings).regions).toEqual(['华东']);
    expect(regionsOf({ 'extn.region': '华东;华中、西南' }, settings).regions).toEqual([
      '华东',
      '华中',
      '西南',
    ]);
    expect(regionsOf({ 'extn.region': ['华东', ' 华中 ', '华东', 7] }, settings).regions).toEqual([
      '华东',
      '华中',
    ]);
    // Another claim name is not read: only what the administrator configured counts.
    expect(regionsOf({ region: '华东' }, settings).regions).toEqual([]);
  });

  it('maps group object ids (any case) to regions, ignores unmapped and malformed entries, and unites both', () => {
    expect(settings.groups).toEqual(
      new Map([
        ['aaaa-1', '华东'],
        ['bbbb-2', '华南'],
      ]),
    );
    expect(regionsOf({ groups: ['aaaa-1', 'zzzz-9'] }, settings).regions).toEqual(['华东']);
    expect(regionsOf({ 'extn.region': '华中', groups: ['BBBB-2'] }, settings).regions).toEqual([
      '华中',
      '华南',
    ]);
  });

  it('notices a groups overage (the groups were left out of the token)', () => {
    expect(regionsOf({ _claim_names: { groups: 'src1' } }, settings)).toEqual({
      regions: [],
      groupsOverage: true,
    });
    expect(regionsOf({ hasgroups: true }, settings).groupsOverage).toBe(true);
    expect(regionsOf({}, settings).groupsOverage).toBe(false);
  });

  it('defaults to the `region` claim the local issuer writes', () => {
    expect(regionsOf({ region: ['华东', '华中'] }, regionSettings({})).regions).toEqual(['华东', '华中']);
  });
});
