import { ApiError } from './api';
import { randomToken, s256Challenge } from './pkce';

/** GET /api/session/sign-in: where the organisation's identity provider signs people in, when one is configured. */
export interface IdentityProviderSignIn {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  clientId: string;
  scopes: string;
  codeChallengeMethod: 'S256';
}

/** What the round trip to the IdP must find again on return: kept for this tab only, used once. */
interface PendingSignIn {
  state: string;
  verifier: string;
  tokenEndpoint: string;
  clientId: string;
  redirectUri: string;
}

const PENDING_KEY = 'ledger.console.pending-sign-in';

/** The console itself, without route or query: the redirect URI registered with the IdP. */
const redirectUri = (): string => `${location.origin}${location.pathname}`;

export async function identityProviderSignIn(): Promise<IdentityProviderSignIn | null> {
  const response = await fetch('/api/session/sign-in', { headers: { Accept: 'application/json' } });
  const body = (await response.json().catch(() => ({}))) as {
    identityProvider?: IdentityProviderSignIn | null;
    code?: string;
    message?: string;
  };
  if (!response.ok) throw new ApiError(response.status, body.code ?? `HTTP_${response.status}`, body.message ?? response.statusText);
  return body.identityProvider ?? null;
}

/**
 * The authorization-code flow with PKCE (RFC 7636, S256), as a public client: the browser is
 * sent to the IdP with the challenge and a random state; the verifier stays in this tab's
 * sessionStorage until the IdP sends the browser back with a code (finishSignIn).
 */
export async function startSignIn(idp: IdentityProviderSignIn): Promise<void> {
  const pending: PendingSignIn = {
    state: randomToken(),
    verifier: randomToken(),
    tokenEndpoint: idp.tokenEndpoint,
    clientId: idp.clientId,
    redirectUri: redirectUri(),
  };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(idp.authorizationEndpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', idp.clientId);
  url.searchParams.set('redirect_uri', pending.redirectUri);
  url.searchParams.set('scope', idp.scopes);
  url.searchParams.set('state', pending.state);
  url.searchParams.set('code_challenge', await s256Challenge(pending.verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  location.assign(url.href);
}

/** Whether this page load is the IdP sending the browser back (?code=…&state=…, or ?error=…). */
export const returningFromSignIn = (): boolean => {
  const query = new URLSearchParams(location.search);
  return query.has('state') && (query.has('code') || query.has('error'));
};

/**
 * On return from the IdP: the state must be the one this tab sent (else the answer is someone
 * else's, CSRF), then the code is exchanged at the token endpoint with the verifier. The query
 * is taken off the address first, so that a reload or a bookmark never replays the code.
 * Answers the access token, which the service checks like a pasted one.
 */
export async function finishSignIn(): Promise<string> {
  const query = new URLSearchParams(location.search);
  history.replaceState(null, '', `${location.pathname}${location.hash}`);
  const stored = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  const pending = stored ? (JSON.parse(stored) as PendingSignIn) : null;
  if (!pending || query.get('state') !== pending.state)
    throw new ApiError(0, 'SIGN_IN_STATE_MISMATCH', 'The sign-in answer does not belong to this tab; sign in again.');
  const error = query.get('error');
  if (error) throw new ApiError(0, `IDP_${error.toUpperCase()}`, query.get('error_description') ?? error);
  const response = await fetch(pending.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: query.get('code') ?? '',
      redirect_uri: pending.redirectUri,
      client_id: pending.clientId,
      code_verifier: pending.verifier,
    }),
  });
  const body = (await response.json().catch(() => ({}))) as { access_token?: unknown; error?: string; error_description?: string };
  if (!response.ok || typeof body.access_token !== 'string')
    throw new ApiError(
      response.status,
      `IDP_${(body.error ?? 'token_failed').toUpperCase()}`,
      body.error_description ?? 'The identity provider gave no token',
    );
  return body.access_token;
}
