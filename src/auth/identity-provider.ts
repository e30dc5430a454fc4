import { createLocalJWKSet, errors, JWTVerifyGetKey } from 'jose';
import { idpUrl, OidcConfig } from '../config/oidc-settings';

/** The IdP could not be asked for what a request needs (keys, endpoints): 503 IDENTITY_PROVIDER_UNAVAILABLE. */
export class IdentityProviderUnavailable extends Error {
  constructor(reason: string) {
    super(`The identity provider is unavailable: ${reason}`);
    this.name = 'IdentityProviderUnavailable';
  }
}

export interface SignInEndpoints {
  authorizationEndpoint: string;
  tokenEndpoint: string;
}

interface Discovery extends SignInEndpoints {
  jwksUri: string;
}

type Fetch = typeof fetch;

const TIMEOUT_MS = 5_000;
/** Keys are fetched again in the background after this long, so that a key the IdP withdrew stops verifying. */
const KEYS_MAX_AGE_MS = 10 * 60_000;

/**
 * The identity provider's signing keys, kept here rather than in jose's createRemoteJWKSet:
 * jose re-fetches a set older than its cacheMaxAge before verifying and fails when the IdP is
 * down, where tokens signed with a key already held must keep working. So the set (checked by
 * jose's createLocalJWKSet) is replaced only by a successful fetch; an unknown `kid` fetches it
 * again at most once per cooldown (OIDC_JWKS_COOLDOWN_SECONDS, as jose's cooldownDuration), so a
 * flood of made-up kids costs the IdP one request; a stale set is refreshed without holding up
 * the request. When a fetch is needed and fails, the caller gets IdentityProviderUnavailable
 * (503); within the cooldown after a failed fetch, too, rather than a 401 that would blame a
 * token nobody could check.
 */
export class IdentityProvider {
  private keys: JWTVerifyGetKey | undefined;
  private keysFetchedAt = -Infinity;
  private lastAttemptAt = -Infinity;
  private lastAttemptFailed = false;
  private pending: Promise<void> | undefined;
  private discovery: Discovery | undefined;
  private discoveryFailedAt = -Infinity;
  private readonly cooldownMs: number;

  constructor(
    private readonly config: OidcConfig,
    private readonly fetchImpl: Fetch = fetch,
    private readonly now: () => number = Date.now,
  ) {
    this.cooldownMs = config.jwksCooldownSeconds * 1000;
  }

  /** jose's key resolver (jwtVerify's second argument): by the token's `kid` and `alg`. */
  readonly key: JWTVerifyGetKey = async (header, token) => {
    if (!this.keys) await this.refresh();
    else if (this.now() - this.keysFetchedAt > KEYS_MAX_AGE_MS && !this.coolingDown()) void this.refresh().catch(() => undefined);
    try {
      return await this.keys!(header, token);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey)) throw error;
      await this.refresh();
      return this.keys!(header, token);
    }
  };

  /** Where the console sends the user and exchanges the code (discovery; fetched once). */
  async signInEndpoints(): Promise<SignInEndpoints> {
    const { authorizationEndpoint, tokenEndpoint } = await this.discover();
    return { authorizationEndpoint, tokenEndpoint };
  }

  private coolingDown(): boolean {
    return this.now() - this.lastAttemptAt < this.cooldownMs;
  }

  /**
   * One fetch of the set for every caller waiting on it. Within the cooldown no fetch is made:
   * the caller learns what the last attempt said (no such key, or the IdP down).
   */
  private refresh(): Promise<void> {
    if (this.pending) return this.pending;
    if (this.coolingDown()) {
      if (this.lastAttemptFailed || !this.keys) return Promise.reject(new IdentityProviderUnavailable('its keys could not be fetched'));
      return Promise.reject(new errors.JWKSNoMatchingKey());
    }
    this.lastAttemptAt = this.now();
    this.pending = this.fetchKeys().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async fetchKeys(): Promise<void> {
    try {
      const url = this.config.jwksUrl ?? (await this.discover()).jwksUri;
      this.keys = createLocalJWKSet((await this.json(url)) as Parameters<typeof createLocalJWKSet>[0]);
      this.keysFetchedAt = this.now();
      this.lastAttemptFailed = false;
    } catch (error) {
      this.lastAttemptFailed = true;
      throw error instanceof IdentityProviderUnavailable ? error : new IdentityProviderUnavailable('its key set could not be read');
    }
  }

  private async discover(): Promise<Discovery> {
    if (this.discovery) return this.discovery;
    if (this.now() - this.discoveryFailedAt < this.cooldownMs)
      throw new IdentityProviderUnavailable('its discovery document could not be fetched');
    try {
      const document = (await this.json(this.config.discoveryUrl)) as Record<string, unknown>;
      // OIDC Discovery §4.3: a document naming another issuer must not be used.
      if (document.issuer !== this.config.issuer) throw new Error('the discovery document names another issuer');
      this.discovery = {
        jwksUri: endpoint(document.jwks_uri),
        authorizationEndpoint: endpoint(document.authorization_endpoint),
        tokenEndpoint: endpoint(document.token_endpoint),
      };
      return this.discovery;
    } catch {
      this.discoveryFailedAt = this.now();
      throw new IdentityProviderUnavailable('its discovery document could not be fetched');
    }
  }

  private async json(url: string): Promise<unknown> {
    // No redirects followed, as jose does: the keys come from the configured address only.
    const response = await this.fetchImpl(url, {
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: { accept: 'application/json' },
    });
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
    return response.json();
  }
}

function endpoint(value: unknown): string {
  if (typeof value !== 'string') throw new Error('the discovery document lacks an endpoint');
  return idpUrl(value).href;
}
