import { Role, ROLES } from '../domain/shared/vocabulary';

/**
 * Sign-in through an organisation's identity provider (OIDC_* variables, README): parsed and
 * checked at start-up like every setting, so that a typo in the role map stops the service
 * instead of leaving everyone without a role.
 */
export interface OidcConfig {
  /** The `iss` its tokens carry, exactly (OIDC Discovery §4.3: the discovery document must repeat it). */
  issuer: string;
  /** issuer + /.well-known/openid-configuration: the JWKS address (unless jwksUrl) and the console's sign-in endpoints. */
  discoveryUrl: string;
  /** The JWKS itself, when given: keys are fetched from it without discovery. */
  jwksUrl?: string;
  audience: string;
  /** Where the roles are in the claims, as path segments (`realm_access.roles` → ['realm_access', 'roles']). */
  rolesClaim: string[];
  /** The IdP's role or group name → the service's roles it grants. */
  roleMap: ReadonlyMap<string, readonly Role[]>;
  /** Where the department keys are, as for local tokens' `departments` claim. */
  departmentsClaim: string[];
  algorithms: string[];
  clockSkewSeconds: number;
  /** Least time between two fetches of the JWKS on an unknown `kid` (jose's cooldownDuration). */
  jwksCooldownSeconds: number;
  /** The console's OAuth client (public, PKCE): without it the console offers only a pasted token. */
  clientId?: string;
  scopes: string;
}

const DISCOVERY_SUFFIX = '/.well-known/openid-configuration';

/** Asymmetric algorithms only: an HMAC "key" of the IdP would be its public key, the alg-confusion attack. */
export const ASYMMETRIC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];
export const DEFAULT_OIDC_ALGORITHMS = 'RS256,ES256,EdDSA';

/** https, or plain http to this machine only (a local IdP, the tests' JWKS server on 127.0.0.1). */
export function idpUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error('must be an absolute https:// URL');
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (!(url.protocol === 'https:' || (url.protocol === 'http:' && loopback)))
    throw new Error('must be an https:// URL (http:// only for localhost)');
  if (url.search || url.hash || url.username || url.password) throw new Error('must have no query, fragment or credentials');
  return url;
}

/** OIDC_ISSUER: the issuer itself or its discovery document's address; either names the other. */
export function issuerOf(value: string): { issuer: string; discoveryUrl: string } {
  idpUrl(value);
  const issuer = value.endsWith(DISCOVERY_SUFFIX) ? value.slice(0, -DISCOVERY_SUFFIX.length) : value;
  idpUrl(issuer);
  return { issuer, discoveryUrl: `${issuer.replace(/\/$/, '')}${DISCOVERY_SUFFIX}` };
}

/** A dotted path such as `realm_access.roles`, `groups` or `resource_access.hr-console.roles`. */
export function claimPath(value: string): string[] {
  const segments = value.split('.');
  if (segments.some((s) => s === '' || /\s/.test(s))) throw new Error('must be a claim name or a dotted path such as realm_access.roles');
  return segments;
}

/**
 * `idp-name:role,idp-name:role,...`, split at each entry's last colon (an IdP name may hold one:
 * `urn:group:hr`). A name may be listed again to grant a second role. A target that is not one of
 * the service's roles is refused: it would grant nothing, silently.
 */
export function roleMap(value: string): Map<string, Role[]> {
  const map = new Map<string, Role[]>();
  const entries = value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new Error(`must map at least one name, e.g. hr-specialists:hr_specialist (roles: ${ROLES.join(', ')})`);
  for (const entry of entries) {
    const colon = entry.lastIndexOf(':');
    const name = entry.slice(0, colon).trim();
    const role = entry.slice(colon + 1).trim();
    if (colon < 0 || name === '') throw new Error(`each entry must be idp-name:role (got an entry without a name or colon)`);
    if (!(ROLES as readonly string[]).includes(role)) throw new Error(`unknown role '${role}': the roles are ${ROLES.join(', ')}`);
    const roles = map.get(name) ?? [];
    if (!roles.includes(role as Role)) roles.push(role as Role);
    map.set(name, roles);
  }
  return map;
}

export function algorithms(value: string): string[] {
  const list = [
    ...new Set(
      value
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean),
    ),
  ];
  if (list.length === 0) throw new Error(`must list algorithms, e.g. ${DEFAULT_OIDC_ALGORITHMS}`);
  for (const alg of list) {
    if (!ASYMMETRIC_ALGORITHMS.includes(alg))
      throw new Error(`'${alg}' is not allowed: only ${ASYMMETRIC_ALGORITHMS.join(', ')} (never HS* nor none for an identity provider)`);
  }
  return list;
}
