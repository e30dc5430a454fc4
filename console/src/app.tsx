import { useEffect, useMemo, useState } from 'preact/hooks';
import { Api, whenUnauthorized } from './api';
import { SignedInContext } from './context';
import { initialLang, keepLang, Lang, LangContext, texts, useTerm, useText } from './i18n';
import { AuditPage } from './pages/audit';
import { BoardPage } from './pages/board';
import { ContinuityPage } from './pages/continuity';
import { DashboardPage } from './pages/dashboard';
import { ReportsPage } from './pages/reports';
import { SignIn, signIn } from './pages/sign-in';
import { TimelinePage } from './pages/timeline';
import { href, useRoute } from './router';
import { finishSignIn, returningFromSignIn } from './identity-provider';
import { forgetToken, may, Permission, Session, storedToken } from './session';

const TEXT = texts({
  zh: {
    product: '离职与社保台账',
    board: '离职看板',
    timeline: '员工时间线',
    continuity: '社保连续性',
    dashboard: '管理看板',
    audit: '审计',
    reports: '报表',
    signedInAs: '当前用户',
    signOut: '退出',
    language: 'English',
    restoring: '正在恢复登录…',
    nav: '主导航',
  },
  en: {
    product: 'Offboarding ledger',
    board: 'Cases board',
    timeline: 'Employee timeline',
    continuity: 'Continuity',
    dashboard: 'Dashboard',
    audit: 'Audit',
    reports: 'Reports',
    signedInAs: 'Signed in as',
    signOut: 'Sign out',
    language: '中文',
    restoring: 'Restoring the sign-in…',
    nav: 'Main navigation',
  },
});

/** The pages, in the navigation's order, and who sees each (the API refuses the others anyway). */
const PAGES: Array<{ page: string; label: keyof typeof TEXT.zh; needs?: Permission; view: () => preact.JSX.Element }> = [
  { page: 'board', label: 'board', view: BoardPage },
  { page: 'timeline', label: 'timeline', view: TimelinePage },
  { page: 'continuity', label: 'continuity', view: ContinuityPage },
  { page: 'dashboard', label: 'dashboard', needs: 'readDashboard', view: DashboardPage },
  { page: 'audit', label: 'audit', needs: 'readAudit', view: AuditPage },
  { page: 'reports', label: 'reports', view: ReportsPage },
];

function Shell({ session, onSignOut, lang, onLang }: { session: Session; onSignOut: () => void; lang: Lang; onLang: () => void }) {
  const t = useText(TEXT);
  const term = useTerm();
  const route = useRoute();
  const api = useMemo(() => new Api(session.token), [session.token]);
  const visible = PAGES.filter((p) => !p.needs || may(session, p.needs));
  const current = visible.find((p) => p.page === route.page) ?? visible[0];
  const View = current.view;
  return (
    <SignedInContext.Provider value={{ session, api }}>
      <header class="top">
        <span class="product">{t.product}</span>
        <nav aria-label={t.nav}>
          {visible.map((p) => (
            <a key={p.page} href={href(p.page)} aria-current={p === current ? 'page' : undefined}>
              {t[p.label]}
            </a>
          ))}
        </nav>
        <span class="who" data-subject={session.subject}>
          {t.signedInAs} <strong>{session.subject}</strong> ({session.roles.map(term).join('、')})
        </span>
        <button type="button" class="link" onClick={onLang} lang={lang === 'zh' ? 'en' : 'zh'}>
          {t.language}
        </button>
        <button type="button" class="link" onClick={onSignOut}>
          {t.signOut}
        </button>
      </header>
      <main id="page" data-page={current.page}>
        <View />
      </main>
    </SignedInContext.Provider>
  );
}

export function App() {
  const [lang, setLang] = useState<Lang>(initialLang);
  const [session, setSession] = useState<Session | null>(null);
  const [restoring, setRestoring] = useState(() => storedToken() !== null || returningFromSignIn());
  const [signInFailure, setSignInFailure] = useState<unknown>(null);
  useEffect(() => {
    whenUnauthorized(() => setSession(null));
    if (returningFromSignIn()) {
      // Back from the identity provider: its token is checked and kept as a pasted one is.
      finishSignIn()
        .then(signIn)
        .then(setSession, (failure: unknown) => {
          forgetToken();
          setSignInFailure(failure);
        })
        .finally(() => setRestoring(false));
      return;
    }
    const token = storedToken();
    if (!token) return;
    signIn(token)
      .then(setSession, () => forgetToken())
      .finally(() => setRestoring(false));
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  const switchLang = () => {
    const next = lang === 'zh' ? 'en' : 'zh';
    keepLang(next);
    setLang(next);
  };
  const signOut = () => {
    forgetToken();
    setSession(null);
  };
  return (
    <LangContext.Provider value={lang}>
      {session ? (
        <Shell session={session} onSignOut={signOut} lang={lang} onLang={switchLang} />
      ) : restoring ? (
        <p class="restoring">{TEXT[lang].restoring}</p>
      ) : (
        <SignIn onSignedIn={setSession} failure={signInFailure} />
      )}
    </LangContext.Provider>
  );
}
