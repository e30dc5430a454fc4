import { readFileSync } from 'node:fs';
import request from 'supertest';
import { DOCUMENT_FILE, documentText, SCHEMA_FILE, schemaTypes } from '../../contract/generate';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The committed contract is the service's: a change to a controller or DTO that changes the
 * document fails here until `npm run contract:generate` is run, and the regenerated types are
 * then type-checked with their users (contract/client.ts, the tests using it) by `npm run typecheck`.
 */
describe('the committed contract (contract/)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('is the document the service serves at /docs-json', async () => {
    const served = await request(t.app.getHttpServer()).get('/docs-json').expect(200);
    const committed = readFileSync(DOCUMENT_FILE, 'utf8');
    // Compared as text so that the failure shows the lines that differ; the advice says what to do.
    expect({ advice: 'run npm run contract:generate', document: documentText(served.body) }).toEqual({
      advice: 'run npm run contract:generate',
      document: committed,
    });
  });

  it('has the types openapi-typescript makes of that document', async () => {
    const committed = JSON.parse(readFileSync(DOCUMENT_FILE, 'utf8'));
    expect(await schemaTypes(committed)).toBe(readFileSync(SCHEMA_FILE, 'utf8'));
  });
});
