import { DEFAULT_POLICIES } from '../../../src/domain/policy/default-policies';
import { policyEvents } from '../../../src/domain/policy/policy-publication.decider';
import { describeSeam } from '../seam-spec';

describeSeam('workflow policy', policyEvents, [{ type: 'PolicyPublished', data: { policy: DEFAULT_POLICIES[0] } }]);
