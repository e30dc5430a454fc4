/** What other features may use of policies: the rest of the folder is its own business (.dependency-cruiser.cjs). */
export { PoliciesModule } from './policies.module';
export { PoliciesService } from './policies.service';
export { seedDefaultPolicies } from './seed-default-policies';
export { PolicyInForceModule } from './policy-in-force.module';
