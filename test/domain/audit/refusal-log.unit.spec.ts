import { refusalLogEvents } from '../../../src/domain/audit/refusal-log';
import { describeSeam } from '../seam-spec';

describeSeam('refusal log', refusalLogEvents, [
  {
    type: 'CommandRefused',
    data: {
      command: 'PerformStep',
      code: 'STEP_LOCKED',
      message: 'complete si_transfer_out first',
      subjects: { caseId: 'K1' },
      step: 'labor_termination',
      missing: ['si_transfer_out'],
    },
  },
]);
