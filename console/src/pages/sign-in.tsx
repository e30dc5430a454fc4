import { useEffect, useState } from 'preact/hooks';
import { Api } from '../api';
import { IdentityProviderSignIn, identityProviderSignIn, startSignIn } from '../identity-provider';
import { Problem } from '../components/problem';
import { texts, useText } from '../i18n';
import { keepToken, Session } from '../session';

const TEXT = texts({
  zh: {
    title: '登录',
    token: '访问令牌（Bearer token）',
    hint: '粘贴身份提供方或管理员签发的令牌。本地模式下可用 npm run token -- --roles hr_manager 生成。令牌只保存在当前标签页。',
    submit: '登录',
    checking: '正在核验…',
    withIdp: '通过单位统一身份认证登录',
    orPaste: '或粘贴令牌',
  },
  en: {
    title: 'Sign in',
    token: 'Access token (bearer)',
    hint: 'Paste a token from your identity provider or administrator. In local mode, npm run token -- --roles hr_manager mints one. It is kept for this tab only.',
    submit: 'Sign in',
    checking: 'Checking…',
    withIdp: 'Sign in with your organisation account',
    orPaste: 'or paste a token',
  },
});

/** Checks a pasted token with the service (GET /api/session) before keeping it for the tab. */
export async function signIn(token: string): Promise<Session> {
  const who = await new Api(token).get<Omit<Session, 'token'>>('/api/session');
  keepToken(token);
  return { token, ...who };
}

/**
 * The identity provider's button when the service names one (GET /api/session/sign-in), and
 * the pasted token always. `failure` is what went wrong on the way back from the IdP.
 */
export function SignIn({ onSignedIn, failure = null }: { onSignedIn: (session: Session) => void; failure?: unknown }) {
  const t = useText(TEXT);
  const [token, setToken] = useState('');
  const [error, setError] = useState<unknown>(failure);
  const [busy, setBusy] = useState(false);
  const [idp, setIdp] = useState<IdentityProviderSignIn | null>(null);
  useEffect(() => {
    identityProviderSignIn().then(setIdp, setError);
  }, []);
  const redirect = async () => {
    setBusy(true);
    try {
      await startSignIn(idp!);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await signIn(token.trim()));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="sign-in">
      <h1>{t.title}</h1>
      {idp && (
        <p class="identity-provider">
          <button type="button" disabled={busy} onClick={() => void redirect()}>
            {t.withIdp}
          </button>
          <span class="hint">{t.orPaste}</span>
        </p>
      )}
      <form onSubmit={(event) => void submit(event)}>
        <label for="token">{t.token}</label>
        <textarea id="token" name="token" rows={5} value={token} onInput={(e) => setToken(e.currentTarget.value)} required />
        <p class="hint">{t.hint}</p>
        <button type="submit" disabled={busy || token.trim() === ''}>
          {busy ? t.checking : t.submit}
        </button>
      </form>
      <Problem error={error} />
    </main>
  );
}
