import { ApiError } from '../api';
import { texts, useTerm, useText } from '../i18n';

const TEXT = texts({
  zh: { failed: '操作未完成', missingFirst: '请先完成：', field: '字段' },
  en: { failed: 'Not done', missingFirst: 'Do these first:', field: 'Field' },
});

/** The service's own words for a refusal (code, message, what to do first), as a live region so screen readers say it. */
export function Problem({ error }: { error: unknown }) {
  const t = useText(TEXT);
  const term = useTerm();
  if (!error) return null;
  const problem = error instanceof ApiError ? error : new ApiError(0, 'NETWORK', error instanceof Error ? error.message : String(error));
  return (
    <div class="problem" role="alert" data-code={problem.code}>
      <strong>
        {t.failed} · {problem.code}
      </strong>
      <p class="problem-message">{problem.message}</p>
      {problem.missing.length > 0 && (
        <p>
          {t.missingFirst}{' '}
          {problem.missing.map((step) => (
            <span class="tag" key={step} data-step={step}>
              {term(step)}
            </span>
          ))}
        </p>
      )}
      {problem.errors.length > 0 && (
        <ul>
          {problem.errors.map((e) => (
            <li key={e.field}>
              {t.field} <code>{e.field}</code>: {e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
