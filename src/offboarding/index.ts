/** What other features may use of offboarding: the rest of the folder is its own business (.dependency-cruiser.cjs). */
export { CaseDocument } from './case.document';
export { CaseDocuments } from './case-documents';
export { CancelOffboardingCase } from './commands/cancel-case.handler';
export { OpenOffboardingCase } from './commands/open-case.handler';
export { PerformOffboardingStep, StepPerformed } from './commands/perform-step.handler';
export { RecordCaseNotification } from './commands/record-notification.handler';
export { OpenCaseDto } from './offboarding.dto';
