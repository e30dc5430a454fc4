import request from 'supertest';
import { startTestApp, TestApp } from '../support/test-app';
import { as, bearer, tokenFor } from '../support/tokens';

/** GET /api/session: the caller as the service reads the token (the console checks a pasted token with it). */
describe('GET /api/session', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ BUSINESS_TIME_ZONE: 'Asia/Urumqi' });
  });
  afterAll(() => app.close());
  const http = () => request(app.app.getHttpServer());

  it('answers 401 without a token or with a bad one', async () => {
    expect((await http().get('/api/session')).status).toBe(401);
    const forged = tokenFor('x', ['admin'], { secret: 'some-other-secret-that-is-long-enough-too' });
    expect((await http().get('/api/session').set(bearer(forged))).status).toBe(401);
  });

  it('names the subject, roles and departments, whether personal data is shown, and the business time zone', async () => {
    const res = await http()
      .get('/api/session')
      .set(bearer(tokenFor('li.na', ['hr_specialist'], { departments: ['hr'] })));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      subject: 'li.na',
      roles: ['hr_specialist'],
      departments: ['hr'],
      seesPersonalData: true,
      businessTimeZone: 'Asia/Urumqi',
    });
  });

  it('tells an investigator that names are masked', async () => {
    const res = await http().get('/api/session').set(as.investigator);
    expect(res.body).toMatchObject({ subject: 'investigator-1', roles: ['investigator'], departments: [], seesPersonalData: false });
  });
});
