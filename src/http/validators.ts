import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsPositive, Matches, registerDecorator, ValidateIf, ValidationOptions } from 'class-validator';
import { isIsoDate, isIsoMonth } from '../domain/shared/calendar';
import { normaliseText, TextRule, textProblem } from '../domain/shared/text';

/**
 * The dates any input may name. No labour relationship under PRC law, hence no
 * hire, contribution or case, predates the founding of the People's Republic
 * (1949-10-01); 2100-12-31 is past the retirement of anyone working today and
 * the range the continuity report accepts for retirementYear. Outside it a date
 * is a typo (9999-12-31 as "open-ended", 0001-01-01 as "unknown") that made the
 * arithmetic absurd: negative service months, a negative severance. Plain input
 * validation (400 naming the field); how far ahead a business date may be is the
 * deciders' rule (409 DATE_IN_FUTURE).
 */
export const EARLIEST_DATE = '1949-10-01';
export const LATEST_DATE = '2100-12-31';

/**
 * The range above as patterns, so that the OpenAPI document says it too (a generated client or a
 * fuzzer then sends dates the service takes). Whether the day exists in its month is isIsoDate's part
 * (`format: date` in the document).
 */
const MONTH_IN_RANGE = '(?:1949-1[0-2]|(?:19[5-9]\\d|20\\d\\d)-(?:0[1-9]|1[0-2])|2100-(?:0[1-9]|1[0-2]))';
export const CALENDAR_DATE_PATTERN = new RegExp(`^${MONTH_IN_RANGE}-(?:0[1-9]|[12]\\d|3[01])$`);
export const CALENDAR_MONTH_PATTERN = new RegExp(`^${MONTH_IN_RANGE}$`);

const inDateRange = (value: unknown): boolean => isIsoDate(value) && CALENDAR_DATE_PATTERN.test(value);
const inMonthRange = (value: unknown): boolean => isIsoMonth(value) && CALENDAR_MONTH_PATTERN.test(value);

/**
 * Adds to a property's OpenAPI schema what its validator enforces (pattern, format, bounds), merged
 * with the property's own @ApiProperty in either order: the rule is written once, in the validator.
 */
const documented = (schema: ApiPropertyOptions): PropertyDecorator => ApiProperty(schema);

/** A validation rule and its schema in one decorator: `message` names the property, as every 400 does. */
function documentedRule(
  name: string,
  schema: ApiPropertyOptions,
  message: (property: string) => string,
  validate: (value: unknown) => boolean,
  options?: ValidationOptions,
): PropertyDecorator {
  return (target, property) => {
    documented(schema)(target, property);
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: property as string,
      options: { message: message(String(property)), ...options },
      validator: { validate },
    });
  };
}

/** class-validator's Matches, with the same pattern in the OpenAPI document (for a single value; `each` lists keep theirs in prose). */
export function Pattern(pattern: RegExp, options?: ValidationOptions): PropertyDecorator {
  return (target, property) => {
    Matches(pattern, options)(target, property as string);
    if (!options?.each && pattern.flags === '') documented({ pattern: pattern.source })(target, property);
  };
}

/** A real calendar date 'YYYY-MM-DD' (2024-02-30 is refused) from 1949-10-01 to 2100-12-31. */
export const IsCalendarDate = (options?: ValidationOptions): PropertyDecorator =>
  documentedRule(
    'isCalendarDate',
    { type: String, format: 'date', pattern: CALENDAR_DATE_PATTERN.source },
    (property) => `${property} must be a real date as YYYY-MM-DD, from ${EARLIEST_DATE} to ${LATEST_DATE}`,
    inDateRange,
    options,
  );

/** A month 'YYYY-MM' with the month from 01 to 12, from 1949-10 to 2100-12. */
export const IsCalendarMonth = (options?: ValidationOptions): PropertyDecorator =>
  documentedRule(
    'isCalendarMonth',
    { type: String, pattern: CALENDAR_MONTH_PATTERN.source },
    (property) => `${property} must be a month as YYYY-MM (01 to 12), from ${EARLIEST_DATE.slice(0, 7)} to ${LATEST_DATE.slice(0, 7)}`,
    inMonthRange,
    options,
  );

const MAX_MONEY = 1e10;

/** An ISO-8601 instant with its offset (Z or ±hh:mm); the date part must also be real (isInstant). */
const INSTANT_PATTERN = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
/** A date, or an instant as above. */
const DATE_OR_INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

export const isInstant = (value: unknown): value is string => {
  const match = typeof value === 'string' ? INSTANT_PATTERN.exec(value) : null;
  return match !== null && isIsoDate(match[1]) && !Number.isNaN(Date.parse(value as string));
};

/** An instant with its offset on a real calendar date (2024-05-10T18:00:00+08:00). */
export const IsInstant = (options?: ValidationOptions): PropertyDecorator =>
  documentedRule(
    'isInstant',
    { type: String, pattern: INSTANT_PATTERN.source },
    (property) => `${property} must be an ISO-8601 instant with an offset, e.g. 2024-05-10T18:00:00+08:00`,
    isInstant,
    options,
  );

/** A real date (YYYY-MM-DD) or an instant with its offset. */
export const IsDateOrInstant = (options?: ValidationOptions): PropertyDecorator =>
  documentedRule(
    'isDateOrInstant',
    { type: String, pattern: DATE_OR_INSTANT_PATTERN.source },
    (property) => `${property} must be a date (YYYY-MM-DD) or an ISO-8601 instant with an offset`,
    (value) => isIsoDate(value) || isInstant(value),
    options,
  );

/** Yuan with at most two decimals, not negative. */
export const IsMoney = (options?: ValidationOptions): PropertyDecorator =>
  documentedRule(
    'isMoney',
    { type: Number, minimum: 0, maximum: MAX_MONEY, multipleOf: 0.01 },
    (property) => `${property} must be an amount in yuan, not negative, with at most two decimals`,
    // Two decimals: the validator allows for binary floating point (0.29 is not exactly 29 × 0.01), as a client's should.
    (value) =>
      typeof value === 'number' &&
      Number.isFinite(value) &&
      value >= 0 &&
      value <= MAX_MONEY &&
      Math.abs(Math.round(value * 100) - value * 100) < 1e-6,
    options,
  );

/** class-validator's IsPositive, said in the document as OpenAPI 3.0 says it (more than 0). */
export function Positive(options?: ValidationOptions): PropertyDecorator {
  return (target, property) => {
    IsPositive(options)(target, property as string);
    documented({ minimum: 0, exclusiveMinimum: true })(target, property);
  };
}

/**
 * Optional, but never null: class-validator's IsOptional lets `null` through to
 * the domain, where "absent" and "null" mean different things.
 */
export const Optional = (): PropertyDecorator => ValidateIf((_, value) => value !== undefined);

/**
 * What textProblem takes, as a pattern: no control character (but LF and tab in multi-line text) and
 * at least one character that is not a space. Stricter at the ends only: the service trims before it
 * checks, so it also takes a line break there. Lone surrogates are not said (JSON Schema cannot).
 */
export function textPattern(multiline = false): string {
  const allowed = multiline ? '[^\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f]' : '[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029]';
  const visible = '[^\\s\\u0000-\\u001f\\u007f-\\u009f]';
  return `^${allowed}*${visible}${allowed}*$`;
}

/**
 * Free text (names, org units, positions, employer names, notes, reasons): trimmed,
 * then refused when empty, over `max` characters, holding a control character
 * (C0/C1; multi-line text keeps LF and tab) or a lone surrogate (text.ts says why).
 * One decorator for every free-text field, so that none is forgotten; 400 names the field.
 */
export function IsText(rule: TextRule, options?: ValidationOptions): PropertyDecorator {
  return (target, property) => {
    documented({ type: String, minLength: 1, maxLength: rule.max, pattern: textPattern(rule.multiline) })(target, property);
    Transform(({ value }) => (typeof value === 'string' ? normaliseText(value, rule.multiline) : value))(target, property as string);
    registerDecorator({
      name: 'isText',
      target: target.constructor,
      propertyName: property as string,
      options,
      validator: {
        validate: (value: unknown) => textProblem(value, rule) === null,
        defaultMessage: (args) => `${String(property)} ${textProblem(args?.value, rule) ?? 'is not valid text'}`,
      },
    });
  };
}
