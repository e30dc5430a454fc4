import type { OpenAPIObject } from '@nestjs/swagger';
import { KNOWN_EVENT_TYPES, PUBLISHABLE_EVENT_TYPES } from './event-catalogue';

type Schema = Record<string, unknown>;

const date = { type: 'string', format: 'date', example: '2024-07-01' };
const month = { type: 'string', pattern: '^\\d{4}-\\d{2}$', example: '2024-06' };
const text = { type: 'string' };
const step = { type: 'string', description: 'A step key (docs/API.md, Offboarding)', example: 'si_transfer_out' };
const actor = { type: 'object', required: ['id', 'role'], properties: { id: text, role: text } };
const object = (required: string[], properties: Record<string, unknown>, description?: string): Schema => ({
  type: 'object',
  ...(description ? { description } : {}),
  required,
  properties,
  additionalProperties: false,
});

/**
 * The `data` of each event a webhook may subscribe to, at its current schema
 * version, as the typed events of src/domain/*\/*.events.ts declare it (the types
 * exist only at compile time, so the schemas are written here beside the list;
 * test/feed/event-feed.e2e.spec.ts checks every event it receives against them).
 */
export const EVENT_DATA_SCHEMAS: Readonly<Record<(typeof PUBLISHABLE_EVENT_TYPES)[number], Schema>> = {
  OffboardingCaseOpened: object(
    ['caseId', 'employeeId', 'reason', 'lastWorkingDay', 'openedAt', 'policy'],
    {
      caseId: text,
      employeeId: text,
      reason: { type: 'string', enum: ['resignation', 'dismissal', 'contract_expiry', 'mutual_agreement', 'retirement'] },
      lastWorkingDay: date,
      openedAt: date,
      policy: {
        type: 'object',
        description: 'The workflow policy pinned for the case (GET /api/policies/{region}/{category}), its steps for this reason only',
      },
      hireDate: date,
      proposedBy: { type: 'string', enum: ['employer', 'employee'] },
      renewalOffer: text,
      noticeGivenOn: date,
      inProbation: { type: 'boolean' },
    },
    'A case opened (离职办理开始)',
  ),
  PrerequisiteOverridden: object(['step', 'overridden', 'reason', 'by', 'effectiveDate'], {
    step,
    overridden: { type: 'array', items: step },
    reason: text,
    by: actor,
    effectiveDate: date,
  }),
  StepCompleted: object(
    ['step', 'effectiveDate'],
    { step, effectiveDate: date, note: text },
    'A step other than the transfer-out and 退工 done',
  ),
  SocialInsuranceTransferOutRequested: object(
    ['effectiveDate', 'notice'],
    {
      effectiveDate: date,
      notice: object(['lastContributionMonth', 'fileBy', 'warnings'], {
        lastContributionMonth: month,
        fileBy: date,
        warnings: { type: 'array', items: text },
      }),
      note: text,
    },
    'The 减员 filing made, with the transfer-out notice',
  ),
  SocialInsuranceTransferOutRejected: object(
    ['effectiveDate', 'reason'],
    { effectiveDate: date, reason: text },
    'The bureau sent the filing back (退单)',
  ),
  SocialInsuranceTransferOutCompleted: object(['effectiveDate', 'lastPaidMonth'], {
    effectiveDate: date,
    lastPaidMonth: month,
    note: text,
  }),
  LaborTerminationRegistered: object(
    ['effectiveDate', 'terminationDate'],
    { effectiveDate: date, terminationDate: date, note: text },
    '退工 registered',
  ),
  LaborTerminationRejected: object(['effectiveDate', 'reason'], { effectiveDate: date, reason: text }),
  OffboardingCaseCompleted: object(['completedOn'], { completedOn: date }),
  OffboardingCaseCancelled: object(['note', 'by'], { note: text, by: actor }),
  CommandRefused: object(
    ['command', 'code', 'message', 'subjects'],
    {
      command: text,
      code: { type: 'string', example: 'STEP_LOCKED' },
      message: text,
      subjects: object([], { caseId: text, employeeId: text }),
      step,
      action: text,
      missing: { type: 'array', items: step },
    },
    'A refused command (a guardrail hit), in the refusal log `audit-<yyyy-mm>`',
  ),
  EmployeeSeparated: object(['employeeId', 'caseId', 'terminationDate', 'reason'], {
    employeeId: text,
    caseId: text,
    terminationDate: date,
    reason: text,
  }),
  SocialInsuranceTransferredOut: object(['caseId', 'lastPaidMonth', 'contributionsAfterLastPaidMonth'], {
    caseId: text,
    lastPaidMonth: month,
    contributionsAfterLastPaidMonth: { type: 'array', items: month },
  }),
};

export const eventDataSchemaName = (type: string) => `EventData${type}`;

/**
 * Adds each published type's data schema to the OpenAPI components
 * (`EventData<Type>`) and the list of every type to FeedEnvelope.type.
 */
export function withEventDataSchemas(document: OpenAPIObject): OpenAPIObject {
  const schemas = (document.components ??= {}).schemas ?? (document.components.schemas = {});
  for (const [type, schema] of Object.entries(EVENT_DATA_SCHEMAS)) schemas[eventDataSchemaName(type)] = schema;
  const envelope = schemas.FeedEnvelopeView as { properties?: Record<string, Record<string, unknown>> } | undefined;
  if (envelope?.properties) {
    envelope.properties.type = { ...envelope.properties.type, enum: [...KNOWN_EVENT_TYPES] };
    envelope.properties.data = {
      ...envelope.properties.data,
      oneOf: [
        ...Object.keys(EVENT_DATA_SCHEMAS).map((type) => ({ $ref: `#/components/schemas/${eventDataSchemaName(type)}` })),
        { type: 'object' },
      ],
    };
  }
  return document;
}
