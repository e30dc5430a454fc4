import request from 'supertest';
import { startTestApp, TestApp } from '../support/test-app';
import { as } from '../support/tokens';

interface Media {
  schema?: { $ref?: string };
}
interface Answer {
  content?: Record<string, Media>;
}
interface Operation {
  responses: Record<string, Answer>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { required?: string[]; properties?: Record<string, unknown> }> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const PROBLEM_REF = '#/components/schemas/Problem';

function operations(document: Document): Array<{ name: string; path: string; operation: Operation }> {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({ name: `${method.toUpperCase()} ${path}`, path, operation: item[method] })),
  );
}

/** A 2xx with a schema for at least one media type, or 204 (nothing to type). */
const typedSuccess = (operation: Operation): boolean =>
  Object.entries(operation.responses).some(
    ([status, answer]) => status === '204' || (/^2\d\d$/.test(status) && Object.values(answer.content ?? {}).some((media) => media.schema)),
  );

describe('the OpenAPI document declares every answer (a generated client types each one)', () => {
  let t: TestApp;
  let document: Document;
  beforeAll(async () => {
    t = await startTestApp();
    document = (await request(t.app.getHttpServer()).get('/docs-json').expect(200)).body;
  });
  afterAll(() => t.close());

  it('gives every operation a 2xx answer with a schema', () => {
    const untyped = operations(document)
      .filter(({ operation }) => !typedSuccess(operation))
      .map(({ name }) => name);
    expect(untyped).toEqual([]);
  });

  it('gives every error answer of /api the one Problem schema, with its code', () => {
    const list = operations(document).filter(({ path }) => path.startsWith('/api/'));
    const loose = list.flatMap(({ name, operation }) =>
      Object.entries(operation.responses)
        .filter(([status]) => /^[45]\d\d$/.test(status))
        .filter(([, answer]) => answer.content?.['application/json']?.schema?.$ref !== PROBLEM_REF)
        .map(([status]) => `${name} ${status}`),
    );
    expect(loose).toEqual([]);
    expect(document.components.schemas.Problem.required).toEqual(expect.arrayContaining(['statusCode', 'code', 'message']));
    // The statuses each kind of operation can give: a command may be refused (409), a read of one thing may find none (404).
    const responsesOf = (name: string) => Object.keys(list.find((o) => o.name === name)!.operation.responses);
    expect(responsesOf('POST /api/offboarding/{caseId}/steps/{step}')).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '404', '409', '422', '503']),
    );
    expect(responsesOf('GET /api/offboarding')).toEqual(expect.arrayContaining(['200', '400', '401', '403', '503']));
  });

  it('answers an error in the shape the document gives it', async () => {
    const answer = await request(t.app.getHttpServer())
      .post('/api/employees')
      .set(as.specialist)
      .send({ hireDate: '2024-02-30' })
      .expect(400);
    const problem = document.components.schemas.Problem;
    for (const field of problem.required ?? []) expect(answer.body).toHaveProperty(field);
    expect(answer.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'hireDate' })]));
  });

  it('declares the reports as JSON or CSV, and the event stream as text/event-stream', () => {
    const all = operations(document);
    const contentOf = (name: string) => Object.keys(all.find((o) => o.name === name)!.operation.responses['200'].content ?? {});
    expect(contentOf('GET /api/reports/incomplete-records')).toEqual(['application/json', 'text/csv']);
    expect(contentOf('GET /api/reports/continuity-gaps')).toEqual(['application/json', 'text/csv']);
    expect(contentOf('GET /api/events/stream')).toEqual(['text/event-stream']);
  });
});
