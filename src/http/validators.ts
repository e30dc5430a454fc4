import { Transform } from 'class-transformer';
import { registerDecorator, ValidateIf, ValidationOptions } from 'class-validator';
import { isIsoDate, isIsoMonth } from '../domain/shared/calendar';
import { normaliseText, TextRule, textProblem } from '../domain/shared/text';

/** A real calendar date 'YYYY-MM-DD' (2024-02-30 is refused). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: property as string,
      options: { message: `${String(property)} must be a real date as YYYY-MM-DD`, ...options },
      validator: { validate: (value: unknown) => isIsoDate(value) },
    });
}

/** A month 'YYYY-MM' with the month from 01 to 12. */
export function IsCalendarMonth(options?: ValidationOptions): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: 'isCalendarMonth',
      target: target.constructor,
      propertyName: property as string,
      options: { message: `${String(property)} must be a month as YYYY-MM (01 to 12)`, ...options },
      validator: { validate: (value: unknown) => isIsoMonth(value) },
    });
}

/** Yuan with at most two decimals, not negative. */
export function IsMoney(options?: ValidationOptions): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: 'isMoney',
      target: target.constructor,
      propertyName: property as string,
      options: { message: `${String(property)} must be an amount in yuan, not negative, with at most two decimals`, ...options },
      validator: {
        validate: (value: unknown) => typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1e10 && Math.abs(Math.round(value * 100) - value * 100) < 1e-6,
      },
    });
}

/**
 * Optional, but never null: class-validator's IsOptional lets `null` through to
 * the domain, where "absent" and "null" mean different things.
 */
export const Optional = (): PropertyDecorator => ValidateIf((_, value) => value !== undefined);

/**
 * Free text (names, org units, positions, employer names, notes, reasons): trimmed,
 * then refused when empty, over `max` characters, holding a control character
 * (C0/C1; multi-line text keeps LF and tab) or a lone surrogate (text.ts says why).
 * One decorator for every free-text field, so that none is forgotten; 400 names the field.
 */
export function IsText(rule: TextRule, options?: ValidationOptions): PropertyDecorator {
  return (target, property) => {
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
