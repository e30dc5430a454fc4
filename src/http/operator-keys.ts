import { BadRequestException } from '@nestjs/common';

/**
 * Refuses any input key that starts with `$` or contains `.`, in the body and in
 * the query (`?a[$gt]=1` may become an object, depending on the query parser),
 * before anything reaches a read store: such keys are MongoDB operators or paths,
 * never our field names. Undefined when the input is clean.
 */
export function operatorKeysProblem(body: unknown, query: unknown): BadRequestException | undefined {
  const found = [...operatorKeys(body, 'body'), ...operatorKeys(query, 'query')];
  if (found.length === 0) return undefined;
  return new BadRequestException({
    code: 'VALIDATION',
    message: 'Keys starting with $ or containing . are not accepted',
    errors: found.map((field) => ({ field, message: 'keys may not start with $ or contain .' })),
  });
}

function operatorKeys(value: unknown, path: string, depth = 0): string[] {
  if (value === null || typeof value !== 'object' || depth > 32) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    // A query key may carry bracket syntax (`status[$ne]`), whatever the parser makes of it.
    const segments = key.split(/\]?\[|\]/).filter((s) => s !== '');
    const here = Array.isArray(value) ? `${path}[${key}]` : [path, ...segments].join('.');
    const bad = segments.some((s) => s.startsWith('$') || s.includes('.'));
    return [...(bad ? [here] : []), ...operatorKeys(child, here, depth + 1)];
  });
}
