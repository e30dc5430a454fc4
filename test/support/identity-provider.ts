import { createHash, randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { CryptoKey, exportJWK, generateKeyPair, JWK, JWTPayload, SignJWT } from 'jose';

type Algorithm = 'RS256' | 'ES256';

export interface SigningKey {
  kid: string;
  alg: Algorithm;
  privateKey: CryptoKey;
  jwk: JWK;
}

interface PendingCode {
  challenge: string;
  clientId: string;
  redirectUri: string;
  claims: JWTPayload;
}

/**
 * A stand-in identity provider on 127.0.0.1 (node:http), with keys made in the test:
 * discovery, the JWKS (fetches counted, `down` answers 503 to everything), and, for the
 * console's sign-in, an authorize endpoint that redirects back with a code at once and a
 * token endpoint that checks the PKCE code_verifier against the challenge (RFC 7636 S256).
 */
export class TestIdentityProvider {
  readonly audience = 'offboarding-ledger';
  jwksRequests = 0;
  discoveryRequests = 0;
  tokenRequests: Array<{ ok: boolean; reason?: string }> = [];
  down = false;
  /** What the next sign-in at the authorize endpoint yields as claims. */
  signInClaims: JWTPayload = { sub: 'kc-user-1', groups: ['hr-managers'] };
  private published: SigningKey[] = [];
  private readonly codes = new Map<string, PendingCode>();
  private server?: Server;
  private port = 0;

  static async start(): Promise<TestIdentityProvider> {
    const idp = new TestIdentityProvider();
    idp.server = createServer((request, response) => void idp.answer(request, response));
    await new Promise<void>((done) => idp.server!.listen(0, '127.0.0.1', done));
    idp.port = (idp.server.address() as AddressInfo).port;
    return idp;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get issuer(): string {
    return `${this.origin}/realms/hr`;
  }

  /** A fresh key pair; published (in the JWKS) unless told otherwise. */
  async newKey(alg: Algorithm = 'RS256', publish = true): Promise<SigningKey> {
    const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
    const kid = randomUUID();
    const key = { kid, alg, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
    if (publish) this.published.push(key);
    return key;
  }

  /** A token as the IdP would sign it: issuer, audience, sub, an hour's life, unless `claims` say otherwise. */
  async sign(key: SigningKey, claims: JWTPayload = {}, header: Record<string, unknown> = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ iss: this.issuer, aud: this.audience, sub: 'kc-user-1', iat: now, exp: now + 3600, ...claims })
      .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT', ...header })
      .sign(key.privateKey);
  }

  /** The service's configuration for this IdP. */
  env(extra: Record<string, string> = {}): Record<string, string> {
    return {
      OIDC_ISSUER: this.issuer,
      OIDC_AUDIENCE: this.audience,
      OIDC_ROLES_CLAIM: 'groups',
      OIDC_ROLE_MAP: 'hr-specialists:hr_specialist,hr-managers:hr_manager,auditors:auditor',
      ...extra,
    };
  }

  close(): Promise<void> {
    return new Promise((done) => (this.server ? this.server.close(() => done()) : done()));
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.origin);
    // The console's token request comes from its own origin (CORS), as a real IdP allows for a public client.
    response.setHeader('Access-Control-Allow-Origin', '*');
    if (this.down) return send(response, 503, { error: 'down' });
    switch (url.pathname) {
      case '/realms/hr/.well-known/openid-configuration':
        this.discoveryRequests++;
        return send(response, 200, {
          issuer: this.issuer,
          jwks_uri: `${this.issuer}/certs`,
          authorization_endpoint: `${this.issuer}/auth`,
          token_endpoint: `${this.issuer}/token`,
          code_challenge_methods_supported: ['S256'],
        });
      case '/realms/hr/certs':
        this.jwksRequests++;
        return send(response, 200, { keys: this.published.map((k) => k.jwk) });
      case '/realms/hr/auth':
        return this.authorize(url, response);
      case '/realms/hr/token':
        if (request.method === 'OPTIONS') {
          response.setHeader('Access-Control-Allow-Headers', 'content-type');
          return send(response, 204);
        }
        return this.token(new URLSearchParams(await body(request)), response);
      default:
        return send(response, 404, { error: 'not_found' });
    }
  }

  private authorize(url: URL, response: ServerResponse): void {
    const q = url.searchParams;
    if (q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge') || !q.get('state'))
      return send(response, 400, { error: 'invalid_request' });
    const code = randomUUID();
    this.codes.set(code, {
      challenge: q.get('code_challenge')!,
      clientId: q.get('client_id') ?? '',
      redirectUri: q.get('redirect_uri') ?? '',
      claims: this.signInClaims,
    });
    const back = new URL(q.get('redirect_uri')!);
    back.searchParams.set('code', code);
    back.searchParams.set('state', q.get('state')!);
    response.writeHead(302, { Location: back.href }).end();
  }

  private async token(form: URLSearchParams, response: ServerResponse): Promise<void> {
    const pending = this.codes.get(form.get('code') ?? '');
    this.codes.delete(form.get('code') ?? '');
    const verifier = form.get('code_verifier') ?? '';
    const reason = !pending
      ? 'unknown code'
      : form.get('grant_type') !== 'authorization_code'
        ? 'grant_type'
        : pending.clientId !== form.get('client_id') || pending.redirectUri !== form.get('redirect_uri')
          ? 'client or redirect_uri'
          : createHash('sha256').update(verifier).digest('base64url') !== pending.challenge
            ? 'code_verifier does not match the challenge'
            : undefined;
    this.tokenRequests.push({ ok: !reason, reason });
    if (reason || !pending) return send(response, 400, { error: 'invalid_grant', error_description: reason });
    const key = this.published[0] ?? (await this.newKey());
    send(response, 200, { access_token: await this.sign(key, pending.claims), token_type: 'Bearer', expires_in: 3600 });
  }
}

function send(response: ServerResponse, status: number, json?: unknown): void {
  response
    .writeHead(status, json === undefined ? {} : { 'Content-Type': 'application/json' })
    .end(json === undefined ? undefined : JSON.stringify(json));
}

function body(request: IncomingMessage): Promise<string> {
  return new Promise((done, fail) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (text += chunk));
    request.on('end', () => done(text));
    request.on('error', fail);
  });
}
