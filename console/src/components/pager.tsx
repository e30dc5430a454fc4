import { fill, texts, useText } from '../i18n';

const TEXT = texts({ zh: { previous: '上一页', next: '下一页' }, en: { previous: 'Previous', next: 'Next' } });

/**
 * Previous and next around "page N of M" for a paged answer ({ page, pageSize, total }); `template` is the
 * page's own sentence with {page}, {pages} and {total}, announced politely when it changes.
 */
export function Pager({
  template,
  page,
  pageSize,
  total,
  go,
}: {
  template: string;
  page: number;
  pageSize: number;
  total: number;
  go: (page: number) => void;
}) {
  const t = useText(TEXT);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <div class="pager">
      <button type="button" class="secondary" disabled={page <= 1} onClick={() => go(page - 1)}>
        {t.previous}
      </button>
      <span aria-live="polite">{fill(template, { page, pages, total })}</span>
      <button type="button" class="secondary" disabled={page >= pages} onClick={() => go(page + 1)}>
        {t.next}
      </button>
    </div>
  );
}
