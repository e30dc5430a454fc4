import { ArgumentMetadata, BadRequestException, Type, ValidationError, ValidationPipe } from '@nestjs/common';

export interface FieldError {
  field: string;
  message: string;
}

/** Flattens class-validator's tree into `{ field: 'a.b', message }`, one entry per broken rule. */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldErrors(e.children ?? [], field)];
  });
}

const MAX_REMEMBERED = 10_000;

/**
 * The global pipe, remembering which path parameters and query strings passed
 * validation: reads repeat the same `{ caseId }`s and `{}`s, and class-transformer
 * plus class-validator's asynchronous walk over the rules showed in every read
 * profile. Only values made of strings are remembered, and the rules of those
 * DTOs depend on nothing but the value (no clock, no store), so a value that
 * passed once passes again. Bodies are validated every time.
 */
class RememberingValidationPipe extends ValidationPipe {
  /** Per DTO class, the instance each value that passed became (class-transformer's output, e.g. page '2' → 2). */
  private readonly passed = new WeakMap<Type<unknown>, Map<string, object>>();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const key = (metadata.type === 'param' || metadata.type === 'query') && metadata.metatype ? keyOf(value) : undefined;
    if (key === undefined) return super.transform(value, metadata);
    const metatype = metadata.metatype as Type<unknown>;
    const known = this.passed.get(metatype)?.get(key);
    if (known) return copyOf(known);
    const entity = await super.transform(value, metadata);
    if (entity === null || typeof entity !== 'object') return entity;
    let seen = this.passed.get(metatype);
    if (!seen) this.passed.set(metatype, (seen = new Map()));
    if (seen.size >= MAX_REMEMBERED) seen.clear();
    seen.set(key, copyOf(entity));
    return entity;
  }
}

/** A fresh instance per request (a handler may change its query object), arrays copied too. */
function copyOf<T extends object>(entity: T): T {
  const copy = Object.create(Object.getPrototypeOf(entity)) as Record<string, unknown>;
  for (const [name, field] of Object.entries(entity)) copy[name] = Array.isArray(field) ? [...field] : field;
  return copy as T;
}

/** A key for a plain object whose values are all strings; undefined for anything else. */
function keyOf(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return undefined;
  let key = '';
  for (const name in value) {
    const field = (value as Record<string, unknown>)[name];
    if (typeof field !== 'string') return undefined;
    key += `${JSON.stringify(name)}:${JSON.stringify(field)},`;
  }
  return key;
}

/** 400 VALIDATION listing every bad field (docs/API.md, Errors); unknown fields are refused too. */
export const validationPipe = () =>
  new RememberingValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const list = fieldErrors(errors);
      return new BadRequestException({
        code: 'VALIDATION',
        message: `Invalid input: ${list.map((e) => e.field).join(', ')}`,
        errors: list,
      });
    },
  });
