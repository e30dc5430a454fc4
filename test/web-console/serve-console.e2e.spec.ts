import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { buildConsole } from '../../console/build';
import { startTestApp, TestApp } from '../support/test-app';

/** The console's files at /console/, with the headers of every answer (CSP kept), and a clear 503 where it was never built. */
describe('GET /console', () => {
  describe('built', () => {
    let app: TestApp;
    let dir: string;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'ledger-console-'));
      await buildConsole(dir);
      app = await startTestApp({ CONSOLE_DIR: dir });
    }, 60_000);
    afterAll(async () => {
      await app?.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const http = () => request(app.app.getHttpServer());

    it('redirects /console to /console/', async () => {
      const res = await http().get('/console');
      expect(res.status).toBe(301);
      expect(res.headers.location).toBe('/console/');
    });

    it('answers the page with the strict CSP, revalidated on every visit', async () => {
      const res = await http().get('/console/');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
      expect(res.headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.text).toMatch(/<script type="module" src="assets\/main-[A-Z0-9]{8}\.js"><\/script>/);
    });

    it('answers the hashed assets as cacheable for good', async () => {
      const script = readdirSync(join(dir, 'assets')).find((f) => /^main-.*\.js$/.test(f));
      const res = await http().get(`/console/assets/${script}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/javascript/);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    });

    it('serves nothing outside its folder', async () => {
      for (const path of ['/console/../package.json', '/console/%2e%2e/package.json', '/console/..%2fpackage.json']) {
        const res = await http().get(path);
        expect([403, 404]).toContain(res.status);
        expect(res.text).not.toContain('offboarding-ledger');
      }
      expect((await http().get('/console/assets/nothing.js')).status).toBe(404);
    });
  });

  it('answers 503 CONSOLE_NOT_BUILT, saying how to build it, when the folder holds no console', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'ledger-console-empty-'));
    const app = await startTestApp({ CONSOLE_DIR: empty });
    try {
      const res = await request(app.app.getHttpServer()).get('/console/');
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ code: 'CONSOLE_NOT_BUILT', message: expect.stringContaining('npm run build') });
    } finally {
      await app.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
