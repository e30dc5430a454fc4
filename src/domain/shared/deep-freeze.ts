/**
 * Freezes a value and everything it holds, stopping at what is frozen already:
 * values shared between readers (decoded events, folded states) are built by
 * copying what changed around parts that are shared and frozen, so only the new
 * parts are walked.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return Object.freeze(value);
}
