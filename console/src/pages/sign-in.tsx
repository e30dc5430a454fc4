import { useState } from 'preact/hooks';
import { Api } from '../api';
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
  },
  en: {
    title: 'Sign in',
    token: 'Access token (bearer)',
    hint: 'Paste a token from your identity provider or administrator. In local mode, npm run token -- --roles hr_manager mints one. It is kept for this tab only.',
    submit: 'Sign in',
    checking: 'Checking…',
  },
});

/** Checks a pasted token with the service (GET /api/session) before keeping it for the tab. */
export async function signIn(token: string): Promise<Session> {
  const who = await new Api(token).get<Omit<Session, 'token'>>('/api/session');
  keepToken(token);
  return { token, ...who };
}

export function SignIn({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const t = useText(TEXT);
  const [token, setToken] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
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
