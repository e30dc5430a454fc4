import { exportJWK, generateKeyPair, JWK, SignJWT, jwtVerify } from 'jose';
import { IdentityProvider, IdentityProviderUnavailable } from '../../src/auth/identity-provider';
import { loadConfig } from '../../src/config/config';

const ISSUER = 'https://sso.example.com/realms/hr';

/** The key cache against a fetch and a clock of the test's: what the IdP answers, and when. */
describe('IdentityProvider (the IdP’s keys over time)', () => {
  let now: number;
  let down: boolean;
  let published: JWK[];
  let fetched: string[];
  const fakeFetch = (async (url: string) => {
    fetched.push(String(url));
    if (down) return new Response('{}', { status: 503 });
    if (String(url).endsWith('/.well-known/openid-configuration'))
      return Response.json({
        issuer: ISSUER,
        jwks_uri: `${ISSUER}/certs`,
        authorization_endpoint: `${ISSUER}/auth`,
        token_endpoint: `${ISSUER}/token`,
      });
    return Response.json({ keys: published });
  }) as typeof fetch;

  const provider = (cooldown = '30') =>
    new IdentityProvider(
      loadConfig({ OIDC_ISSUER: ISSUER, OIDC_AUDIENCE: 'a', OIDC_ROLE_MAP: 'x:admin', OIDC_JWKS_COOLDOWN_SECONDS: cooldown }).oidc!,
      fakeFetch,
      () => now,
    );

  const newKey = async (publish = true) => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const kid = `k${published.length}-${Math.random()}`;
    if (publish) published.push({ ...(await exportJWK(publicKey)), kid, alg: 'ES256' });
    return (sub = 'u') =>
      new SignJWT({ sub }).setProtectedHeader({ alg: 'ES256', kid }).setIssuedAt().setExpirationTime('1h').sign(privateKey);
  };
  const verify = (idp: IdentityProvider, token: string) => jwtVerify(token, idp.key, { algorithms: ['ES256'] });

  beforeEach(() => {
    now = 1_000_000;
    down = false;
    published = [];
    fetched = [];
  });

  it('fetches discovery and the key set once, then verifies from the cache', async () => {
    const sign = await newKey();
    const idp = provider();
    await verify(idp, await sign());
    await verify(idp, await sign('another'));
    expect(fetched).toEqual([`${ISSUER}/.well-known/openid-configuration`, `${ISSUER}/certs`]);
  });

  it('looks up an unknown kid once per cooldown: a rotated key after it, nothing within it', async () => {
    const idp = provider('30');
    await verify(idp, await (await newKey())());
    const rotated = await newKey();
    now += 10_000;
    await expect(verify(idp, await rotated())).rejects.toMatchObject({ code: 'ERR_JWKS_NO_MATCHING_KEY' });
    expect(fetched.filter((u) => u.endsWith('/certs'))).toHaveLength(1);
    now += 20_000;
    await verify(idp, await rotated());
    expect(fetched.filter((u) => u.endsWith('/certs'))).toHaveLength(2);
  });

  it('keeps a stale set while the IdP is down, and says the IdP is unavailable for a key it does not hold', async () => {
    const sign = await newKey();
    const idp = provider('30');
    await verify(idp, await sign());
    down = true;
    now += 11 * 60_000;
    // Stale: fetched again in the background, which fails; the held key still verifies.
    await verify(idp, await sign('during-outage'));
    expect(fetched.filter((u) => u.endsWith('/certs'))).toHaveLength(2);
    await verify(idp, await sign('still'));
    const unknown = await newKey(false);
    await expect(verify(idp, await unknown())).rejects.toBeInstanceOf(IdentityProviderUnavailable);
    down = false;
    now += 31_000;
    await verify(idp, await sign('after'));
  });

  it('refuses a discovery document naming another issuer', async () => {
    const idp = new IdentityProvider(
      loadConfig({ OIDC_ISSUER: `${ISSUER}/other`, OIDC_AUDIENCE: 'a', OIDC_ROLE_MAP: 'x:admin' }).oidc!,
      (async () => Response.json({ issuer: ISSUER, jwks_uri: `${ISSUER}/certs` })) as unknown as typeof fetch,
      () => now,
    );
    await expect(idp.signInEndpoints()).rejects.toBeInstanceOf(IdentityProviderUnavailable);
  });
});
