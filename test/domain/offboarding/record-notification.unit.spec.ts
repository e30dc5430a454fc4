import { OffboardingCommand } from '../../../src/domain/offboarding/offboarding.commands';
import { offboardingDecider } from '../../../src/domain/offboarding/offboarding.decider';
import { NotificationRecord } from '../../../src/domain/offboarding/offboarding.events';
import { spec } from '../given-when-then';
import { opened, perform, play } from './fixtures';

/** Who was told what about a case is recorded on it (issue 13); telling someone changes no step. */
const record: NotificationRecord = {
  messageId: 'reminder:C1:approval:1',
  kind: 'reminder',
  channelId: 'hr-ding',
  channelType: 'dingtalk',
  step: 'approval',
  audience: [{ kind: 'role', role: 'hr_manager', department: 'hr' }],
  attempt: 1,
};
const sent: OffboardingCommand = {
  type: 'RecordNotification',
  data: { outcome: 'sent', record: { ...record, sentAt: '2026-12-03T01:00:00.000Z' } },
};
const failed: OffboardingCommand = {
  type: 'RecordNotification',
  data: { outcome: 'failed', record: { ...record, attempt: 8, failedAt: '2026-12-03T05:00:00.000Z', error: 'HTTP 500' } },
};
const decider = spec(offboardingDecider);

describe('recording a notification on a case', () => {
  it('when no case exists: refused, CASE_NOT_FOUND', () => {
    decider.given([]).when(sent).thenThrows('CASE_NOT_FOUND');
  });

  it('when the case is open: NotificationSent or NotificationFailed with the record as given', () => {
    decider
      .given([opened()])
      .when(sent)
      .then([{ type: 'NotificationSent', data: { ...record, sentAt: '2026-12-03T01:00:00.000Z' } }]);
    decider
      .given([opened()])
      .when(failed)
      .then([{ type: 'NotificationFailed', data: expect.objectContaining({ error: 'HTTP 500', attempt: 8 }) }]);
  });

  it('when the case is closed (cancelled): still recorded, a message sent before it closed was sent', () => {
    const cancelled = play(
      [opened()],
      [{ type: 'CancelCase', data: { note: '撤回 / withdrawn', actor: { id: 'u', role: 'hr_specialist' } } }],
    );
    decider
      .given(cancelled)
      .when(sent)
      .then([{ type: 'NotificationSent' }]);
  });

  it('changes nothing of the case: evolve leaves the state as it was', () => {
    const history = play([opened()], [perform('approval', { effectiveDate: '2024-06-20' })]);
    const before = history.reduce(offboardingDecider.evolve, offboardingDecider.initialState);
    const { events } = decider
      .given(history)
      .when(sent)
      .then([{ type: 'NotificationSent' }]);
    expect(offboardingDecider.evolve(before, events[0])).toBe(before);
  });
});
