import { useState } from 'preact/hooks';
import { Problem } from '../components/problem';
import { useLoad } from '../components/use-load';
import { useSignedIn } from '../context';
import { texts, useTerm, useText } from '../i18n';
import { href, navigate } from '../router';
import './person.css';

/** The timeline and continuity pages: one person each, found by employee id. */

const TEXT = texts({
  zh: {
    employeeId: '员工编号',
    open: '查看',
    searchLabel: '查找员工',
    hint: '输入员工编号，例如 E1001。',
    employed: '在职',
    separated: '已离职',
    erased: '个人信息已删除',
    masked: '姓名已按您的角色脱敏',
    person: '员工',
  },
  en: {
    employeeId: 'Employee id',
    open: 'Open',
    searchLabel: 'Find an employee',
    hint: 'Type an employee id, e.g. E1001.',
    employed: 'employed',
    separated: 'separated',
    erased: 'personal data erased',
    masked: 'name masked for your role',
    person: 'Employee',
  },
});

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** A search box for the employee id; opens `page` for it (a real form: Enter submits). */
export function EmployeeSearch({ page, current }: { page: string; current?: string }) {
  const t = useText(TEXT);
  const [id, setId] = useState(current ?? '');
  const submit = (event: Event) => {
    event.preventDefault();
    // What the box holds now, not the last rendered state: Enter right after typing may come before the re-render.
    const wanted = String(new FormData(event.currentTarget as HTMLFormElement).get('employeeId') ?? '').trim();
    if (ID_PATTERN.test(wanted)) navigate(href(page, [wanted]));
  };
  return (
    <form class="employee-search" role="search" aria-label={t.searchLabel} onSubmit={submit}>
      <label for={`${page}-employee`}>{t.employeeId}</label>
      <input
        id={`${page}-employee`}
        name="employeeId"
        value={id}
        onInput={(e) => setId(e.currentTarget.value)}
        pattern="[A-Za-z0-9][A-Za-z0-9._\-]{0,63}"
        autoComplete="off"
        required
        aria-describedby={`${page}-employee-hint`}
      />
      <button type="submit">{t.open}</button>
      <span id={`${page}-employee-hint`} class="hint">
        {t.hint}
      </span>
    </form>
  );
}

interface Profile {
  employeeId: string;
  status: string;
  name: string | null;
  personalDataErased: boolean;
  orgUnit: string;
  category: string;
  region: string;
}

/** Who the page is about, from GET /api/employees/{id}: the name as the API gives it to this role (masked for auditors and investigators). */
export function PersonHeading({ employeeId, title }: { employeeId: string; title: string }) {
  const t = useText(TEXT);
  const term = useTerm();
  const { api, session } = useSignedIn();
  const profile = useLoad(() => api.get<Profile>(`/api/employees/${encodeURIComponent(employeeId)}`), [employeeId, api]);
  const p = profile.data;
  return (
    <header class="person">
      <h1>
        {title} · <span class="person-id">{employeeId}</span>
        {p && (
          <>
            {' '}
            <span class="person-name" data-name={p.name ?? ''}>
              {p.personalDataErased ? t.erased : p.name}
            </span>
          </>
        )}
      </h1>
      {p && (
        <p class="person-facts">
          {p.orgUnit} · {term(p.category)} · {p.region} · {p.status === 'separated' ? t.separated : t.employed}
          {!session.seesPersonalData && <span class="muted"> · {t.masked}</span>}
        </p>
      )}
      {profile.error !== null && <Problem error={profile.error} />}
    </header>
  );
}
