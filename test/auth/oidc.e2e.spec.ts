import { SignJWT } from 'jose';
import { createPublicKey } from 'node:crypto';
import request from 'supertest';
import { eventually, hireBody } from '../support/http';
import { SigningKey, TestIdentityProvider } from '../support/identity-provider';
import { startTestApp, TestApp } from '../support/test-app';
import { as, bearer, TEST_SECRET, tokenFor, unsignedToken } from '../support/tokens';

const now = () => Math.floor(Date.now() / 1000);

/**
 * Sign-in through an identity provider (issue 15): tokens of a stand-in IdP on 127.0.0.1,
 * signed with keys made here and published as its JWKS, beside the local HS256 tokens.
 */
describe('OIDC / JWKS sign-in', () => {
  let idp: TestIdentityProvider;
  let t: TestApp;
  // Published before the service first fetches the set: within the cooldown it fetches no other.
  let rsa: SigningKey;
  let ec: SigningKey;
  const http = () => request(t.app.getHttpServer());
  beforeAll(async () => {
    idp = await TestIdentityProvider.start();
    rsa = await idp.newKey('RS256');
    ec = await idp.newKey('ES256');
    t = await startTestApp(idp.env({ OIDC_CLIENT_ID: 'hr-console' }));
  });
  afterAll(async () => {
    await t?.close();
    await idp?.close();
  });

  it('signs in with an RS256 token from the JWKS and acts under the mapped role, recorded as subject and issuer', async () => {
    const token = await idp.sign(rsa, { sub: 'f:1b2c:li.na', groups: ['hr-specialists', 'everyone'], departments: ['hr', 'IT'] });
    const session = await http().get('/api/session').set(bearer(token)).expect(200);
    expect(session.body).toMatchObject({
      subject: 'f:1b2c:li.na',
      issuer: idp.issuer,
      roles: ['hr_specialist'],
      departments: ['hr'],
      seesPersonalData: true,
    });
    await http()
      .post('/api/employees')
      .set(bearer(token))
      .send(hireBody({ employeeId: 'OIDC1' }))
      .expect(201);
    // Read with a local token: both kinds live side by side.
    const timeline = await eventually(t, '/api/employees/OIDC1/timeline', as.investigator, (b) => b.items.length > 0);
    expect(timeline.items[0].actor).toEqual({ id: 'f:1b2c:li.na', role: 'hr_specialist', issuer: idp.issuer });
  });

  it('takes ES256 keys too, and keeps local HS256 tokens as they were (no issuer on their events)', async () => {
    const token = await idp.sign(ec, { groups: ['hr-managers'] });
    expect((await http().get('/api/session').set(bearer(token)).expect(200)).body.roles).toEqual(['hr_manager']);
    await http()
      .post('/api/employees')
      .set(as.specialist)
      .send(hireBody({ employeeId: 'LOCAL1' }))
      .expect(201);
    const timeline = await eventually(t, '/api/employees/LOCAL1/timeline', as.investigator, (b) => b.items.length > 0);
    expect(timeline.items[0].actor).toEqual({ id: 'hr-spec-1', role: 'hr_specialist' });
  });

  it('answers 403, not 401, when the mapped role may not call the route', async () => {
    const token = await idp.sign(rsa, { groups: ['auditors'] });
    const res = await http()
      .post('/api/employees')
      .set(bearer(token))
      .send(hireBody({ employeeId: 'OIDC403' }));
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
  });

  describe('refuses with 401', () => {
    const refused = async (token: string) => {
      const res = await http().get('/api/session').set(bearer(token));
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
      return res.body.message as string;
    };
    let key: SigningKey;
    beforeAll(() => {
      key = rsa;
    });

    it('a token from another issuer, though signed with a published key', async () => {
      await refused(await idp.sign(key, { iss: 'https://evil.example.com/realms/hr', groups: ['hr-managers'] }));
      await refused(await idp.sign(key, { iss: `${idp.issuer}/`, groups: ['hr-managers'] }));
    });

    it('a token for another audience', async () => {
      await refused(await idp.sign(key, { aud: 'another-service', groups: ['hr-managers'] }));
    });

    it('a token expired beyond the clock skew, but not one within it', async () => {
      expect(await refused(await idp.sign(key, { iat: now() - 600, exp: now() - 31 - 5, groups: ['hr-managers'] }))).toBe(
        'The token has expired',
      );
      await http()
        .get('/api/session')
        .set(bearer(await idp.sign(key, { iat: now() - 600, exp: now() - 10, groups: ['hr-managers'] })))
        .expect(200);
    });

    it('a token not yet valid (nbf beyond the skew)', async () => {
      await refused(await idp.sign(key, { nbf: now() + 120, groups: ['hr-managers'] }));
    });

    it('alg confusion: an HS256 token whose secret is the RSA public key, and an unsigned one', async () => {
      const pem = createPublicKey({ key: key.jwk as never, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
      const claims = { iss: idp.issuer, aud: idp.audience, sub: 'mallory', groups: ['hr-managers'], exp: now() + 600, iat: now() };
      for (const secret of [Buffer.from(pem), Buffer.from(JSON.stringify(key.jwk))]) {
        const forged = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid: key.kid }).sign(secret);
        await refused(forged);
      }
      const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      await refused(`${part({ alg: 'none', kid: key.kid })}.${part(claims)}.`);
      await refused(unsignedToken('mallory', ['admin']));
    });

    it('an HS256 token signed with the local secret that claims the IdP issuer', async () => {
      const forged = await new SignJWT({ iss: idp.issuer, aud: idp.audience, sub: 'x', roles: ['admin'], groups: ['hr-managers'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(Buffer.from(TEST_SECRET));
      await refused(forged);
      // The same claims without `iss` are a local token, accepted as such.
      await http()
        .get('/api/session')
        .set(bearer(tokenFor('x', ['admin'])))
        .expect(200);
    });

    it('a token without the role claim, or whose groups map to no role', async () => {
      expect(await refused(await idp.sign(key, {}))).toMatch(/no role claim \(groups\)/);
      expect(await refused(await idp.sign(key, { groups: ['everyone', 'hr_manager'] }))).toMatch(/OIDC_ROLE_MAP/);
    });

    it('a token signed with a key the IdP does not publish (unknown kid), or a known kid with the wrong key', async () => {
      const stray = await idp.newKey('RS256', false);
      await refused(await idp.sign(stray, { groups: ['hr-managers'] }));
      await refused(await idp.sign({ ...stray, kid: key.kid }, { groups: ['hr-managers'] }));
    });

    it('a token refused once is refused again (the verified-token cache holds only what passed)', async () => {
      const token = await idp.sign(key, { aud: 'another-service', groups: ['hr-managers'] });
      await refused(token);
      await refused(token);
    });
  });

  it('fetches the JWKS at most once for a flood of unknown kids (OIDC_JWKS_COOLDOWN_SECONDS)', async () => {
    const before = idp.jwksRequests;
    for (let i = 0; i < 20; i++) {
      const stray = await idp.newKey('ES256', false);
      await http()
        .get('/api/session')
        .set(bearer(await idp.sign(stray, { groups: ['hr-managers'] })))
        .expect(401);
    }
    expect(idp.jwksRequests - before).toBeLessThanOrEqual(1);
  });

  it('tells the console how to sign in, without a token, and lets it fetch the IdP under the CSP', async () => {
    const res = await http().get('/api/session/sign-in').expect(200);
    expect(res.body).toEqual({
      identityProvider: {
        issuer: idp.issuer,
        authorizationEndpoint: `${idp.issuer}/auth`,
        tokenEndpoint: `${idp.issuer}/token`,
        clientId: 'hr-console',
        scopes: 'openid profile',
        codeChallengeMethod: 'S256',
      },
    });
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain(`connect-src 'self' ${idp.origin}`);
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
  });
});

describe('OIDC keys over time: rotation and an IdP that goes down', () => {
  let idp: TestIdentityProvider;
  let t: TestApp;
  const http = () => request(t.app.getHttpServer());
  beforeAll(async () => {
    idp = await TestIdentityProvider.start();
    // No cooldown here, so that each unknown kid is looked up: what the IdP answers then is the subject.
    t = await startTestApp(idp.env({ OIDC_JWKS_COOLDOWN_SECONDS: '0' }));
  });
  afterAll(async () => {
    await t?.close();
    await idp?.close();
  });

  it('fetches the JWKS again, once, for a rotated key', async () => {
    const first = await idp.newKey('RS256');
    await http()
      .get('/api/session')
      .set(bearer(await idp.sign(first, { groups: ['hr-managers'] })))
      .expect(200);
    expect(idp.jwksRequests).toBe(1);
    const rotated = await idp.newKey('ES256');
    await http()
      .get('/api/session')
      .set(bearer(await idp.sign(rotated, { groups: ['hr-managers'] })))
      .expect(200);
    expect(idp.jwksRequests).toBe(2);
    await http()
      .get('/api/session')
      .set(bearer(await idp.sign(rotated, { sub: 'another', groups: ['hr-specialists'] })))
      .expect(200);
    await http()
      .get('/api/session')
      .set(bearer(await idp.sign(first, { sub: 'a-third', groups: ['hr-specialists'] })))
      .expect(200);
    expect(idp.jwksRequests).toBe(2);
  });

  it('keeps accepting tokens of cached keys while the IdP is down, and answers 503 when a new key is needed', async () => {
    const known = await idp.newKey('RS256');
    await http()
      .get('/api/session')
      .set(bearer(await idp.sign(known, { groups: ['hr-managers'] })))
      .expect(200);
    idp.down = true;
    try {
      await http()
        .get('/api/session')
        .set(bearer(await idp.sign(known, { sub: 'during-outage', groups: ['hr-managers'] })))
        .expect(200);
      const unknown = await idp.newKey('RS256', false);
      const res = await http()
        .get('/api/session')
        .set(bearer(await idp.sign(unknown, { groups: ['hr-managers'] })));
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ statusCode: 503, code: 'IDENTITY_PROVIDER_UNAVAILABLE' });
      expect(res.headers['retry-after']).toBeDefined();
    } finally {
      idp.down = false;
    }
  });
});

describe('an identity provider down when the service starts', () => {
  let idp: TestIdentityProvider;
  let t: TestApp;
  let key: SigningKey;
  const http = () => request(t.app.getHttpServer());
  beforeAll(async () => {
    idp = await TestIdentityProvider.start();
    key = await idp.newKey('ES256');
    idp.down = true;
    t = await startTestApp(idp.env({ OIDC_CLIENT_ID: 'hr-console', OIDC_JWKS_COOLDOWN_SECONDS: '0' }));
  });
  afterAll(async () => {
    await t?.close();
    await idp?.close();
  });

  it('starts, answers 503 for what needs the IdP and serves local tokens, then recovers when the IdP is back', async () => {
    const signIn = await http().get('/api/session/sign-in');
    expect({ status: signIn.status, code: signIn.body.code }).toEqual({ status: 503, code: 'IDENTITY_PROVIDER_UNAVAILABLE' });
    const token = await idp.sign(key, { groups: ['hr-managers'] });
    expect((await http().get('/api/session').set(bearer(token))).status).toBe(503);
    await http().get('/api/session').set(as.manager).expect(200);
    idp.down = false;
    await http().get('/api/session').set(bearer(token)).expect(200);
    expect((await http().get('/api/session/sign-in').expect(200)).body.identityProvider.clientId).toBe('hr-console');
  });
});

describe('sign-in without an identity provider', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('offers only a pasted token, and keeps the CSP at self', async () => {
    const res = await request(t.app.getHttpServer()).get('/api/session/sign-in').expect(200);
    expect(res.body).toEqual({ identityProvider: null });
    expect(res.headers['content-security-policy']).not.toContain('connect-src');
  });
});
