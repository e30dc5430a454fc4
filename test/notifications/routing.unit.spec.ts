import { ChannelConfig } from '../../src/notifications/channels/channel';
import { channelsFor } from '../../src/notifications/channels/routing';
import { backoffMs } from '../../src/notifications/delivery/backoff';

const channel = (id: string, over: Partial<ChannelConfig> = {}): ChannelConfig => ({
  id,
  type: 'webhook',
  name: id,
  enabled: true,
  departments: [],
  orgUnits: [],
  roles: [],
  actorIds: [],
  url: 'http://127.0.0.1/webhook/x',
  format: 'markdown',
  ...over,
});

const it_ = channel('it-robot', { departments: ['it'] });
const hrManagers = channel('hr-managers', { departments: ['hr'], roles: ['hr_manager'] });
const orgWide = channel('org-wide');
const campus = channel('campus', { orgUnits: ['east-campus'] });
const personal = channel('mail-op-7', { type: 'email', actorIds: ['op-7'] });
const disabled = channel('old-it', { departments: ['it'], enabled: false });
const all = [it_, hrManagers, orgWide, campus, personal, disabled];
const ids = (channels: ChannelConfig[]) => channels.map((c) => c.id).sort();

describe('channelsFor (who a message reaches)', () => {
  it('a role in a department reaches that department’s channels whose roles include it or are open, never a disabled one', () => {
    expect(ids(channelsFor([{ kind: 'role', role: 'hr_specialist', department: 'it' }], all))).toEqual(['it-robot']);
    expect(ids(channelsFor([{ kind: 'role', role: 'hr_specialist', department: 'hr' }], all))).toEqual([]);
    expect(ids(channelsFor([{ kind: 'role', role: 'hr_manager', department: 'hr' }], all))).toEqual(['hr-managers']);
  });

  it('an org unit reaches its channels; a role with no place reaches the organisation-wide ones', () => {
    expect(ids(channelsFor([{ kind: 'role', role: 'hr_specialist', orgUnit: 'east-campus' }], all))).toEqual(['campus']);
    expect(ids(channelsFor([{ kind: 'role', role: 'hr_manager' }], all))).toEqual(['org-wide']);
  });

  it('an actor reaches only the personal channels naming them; a personal channel serves no role', () => {
    expect(ids(channelsFor([{ kind: 'actor', actorId: 'op-7' }], all))).toEqual(['mail-op-7']);
    expect(ids(channelsFor([{ kind: 'actor', actorId: 'op-8' }], all))).toEqual([]);
    expect(ids(channelsFor([{ kind: 'role', role: 'hr_specialist' }], all))).not.toContain('mail-op-7');
  });

  it('a channel entry reaches that channel; one channel reached twice gets the message once', () => {
    const twice = channelsFor(
      [
        { kind: 'channel', channelId: 'it-robot' },
        { kind: 'role', role: 'admin', department: 'it' },
      ],
      all,
    );
    expect(ids(twice)).toEqual(['it-robot']);
  });
});

describe('backoffMs (exponential, full jitter)', () => {
  const config = { backoffBaseMs: 1000, backoffMaxMs: 60_000 };
  it('draws between 0 and base·2^(n−1), capped at the maximum', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, config, () => 0.999999))).toEqual([999, 1999, 3999, 7999]);
    expect(backoffMs(20, config, () => 0.999999)).toBe(59_999);
    expect(backoffMs(3, config, () => 0)).toBe(0);
    expect(backoffMs(3, config, () => 0.5)).toBe(2000);
  });
});
