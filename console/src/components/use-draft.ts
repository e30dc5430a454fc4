import { useRef, useState } from 'preact/hooks';

/**
 * A form's working copy of what is applied (the URL's filters), reset in the very render in
 * which the applied value changes (`key`), not after it. Reset by an effect, the copy was
 * cleared after paint: what a person typed right after the page opened was thrown away
 * (seen as a flaky browser test on a loaded machine, the filter submitted empty).
 */
export function useDraft<T>(applied: T, key: string): [T, (next: T) => void] {
  const draft = useRef({ key, value: applied });
  const [, rerender] = useState(0);
  if (draft.current.key !== key) draft.current = { key, value: applied };
  const set = (value: T) => {
    draft.current = { key: draft.current.key, value };
    rerender((n) => n + 1);
  };
  return [draft.current.value, set];
}
