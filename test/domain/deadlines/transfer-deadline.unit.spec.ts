import { transferDeadline, transfersOnTime } from '../../../src/domain/deadlines/transfer-deadline';
import { completeTransfer, defaultPolicy, manager, openCase, perform, requestTransfer } from '../offboarding/fixtures';
import { caseAfter } from '../../dashboard/case-fixtures';

/** Shanghai, enterprise_regular, dismissal; last working day 2024-06-30. */
const transferred = (options: { siOn: string; archiveOn?: string; terminationDate?: string }) =>
  caseAfter([
    openCase(),
    perform('approval'),
    perform('handover'),
    requestTransfer('2024-07-01'),
    { ...completeTransfer(), data: { ...completeTransfer().data, effectiveDate: options.siOn } },
    perform('labor_termination', {
      effectiveDate: options.siOn,
      ...(options.terminationDate ? { data: { terminationDate: options.terminationDate } } : {}),
    }),
    ...(options.archiveOn ? [perform('archive_transfer', { effectiveDate: options.archiveOn })] : []),
  ]);

describe('LCL art. 50: file and social insurance transferred within 15 days of termination', () => {
  it('counts fifteen calendar days from the day after termination (Civil Code art. 201)', () => {
    expect(transferDeadline('2024-06-30')).toBe('2024-07-15');
    expect(transferDeadline('2024-12-20')).toBe('2025-01-04');
    expect(transferDeadline('2024-02-14')).toBe('2024-02-29');
  });

  it('is on time when both transfers are done exactly 15 days after termination', () => {
    expect(transfersOnTime(transferred({ siOn: '2024-07-15', archiveOn: '2024-07-15' }))).toBe(true);
  });

  it('is late when either transfer is done on the 16th day', () => {
    expect(transfersOnTime(transferred({ siOn: '2024-07-15', archiveOn: '2024-07-16' }))).toBe(false);
    // The file follows 退工, which follows the transfer-out (in effective time too), so it cannot be on time while the transfer is late.
    expect(transfersOnTime(transferred({ siOn: '2024-07-16', archiveOn: '2024-07-16' }))).toBe(false);
  });

  it('counts from the registered termination date, not the last working day', () => {
    expect(transfersOnTime(transferred({ siOn: '2024-07-20', archiveOn: '2024-07-20', terminationDate: '2024-07-05' }))).toBe(true);
    expect(transfersOnTime(transferred({ siOn: '2024-07-20', archiveOn: '2024-07-21', terminationDate: '2024-07-05' }))).toBe(false);
  });

  it('cannot judge a case while a transfer is not done', () => {
    expect(transfersOnTime(transferred({ siOn: '2024-07-05' }))).toBeNull();
  });

  it('judges only the transfers the policy contains, and nothing without either', () => {
    const policy = defaultPolicy('shanghai', 'enterprise_regular');
    const withoutArchive = { ...policy, steps: policy.steps.filter((s) => s.key !== 'archive_transfer') };
    const noArchive = caseAfter([
      openCase({ policy: withoutArchive }),
      perform('approval', { actor: manager }),
      requestTransfer(),
      completeTransfer(),
    ]);
    expect(transfersOnTime(noArchive)).toBe(true);
    const neither = caseAfter([openCase({ policy: { ...policy, steps: policy.steps.filter((s) => s.key === 'approval') } })]);
    expect(transfersOnTime(neither)).toBeNull();
  });
});
