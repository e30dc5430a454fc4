import { EventEmitter } from 'node:events';
import { PinoLogger } from 'nestjs-pino';
import { pinoHttp } from 'pino-http';
import { Writable } from 'node:stream';
import { rootLoggerOptions } from '../../src/http/log-options';
import { requestLog } from '../../src/http/request-log';

/** The least of a Node response the middleware touches. */
class FakeResponse extends EventEmitter {
  statusCode = 200;
  writableFinished = false;
  headers: Record<string, string> = {};
  setHeader(name: string, value: string) {
    this.headers[name.toLowerCase()] = value;
  }
}

describe('request log', () => {
  const lines: Array<{ level: string; fields: Record<string, unknown>; msg: string }> = [];
  beforeAll(() => {
    (PinoLogger as unknown as { root: unknown }).root = {
      info: (fields: Record<string, unknown>, msg: string) => lines.push({ level: 'info', fields, msg }),
      error: (fields: Record<string, unknown>, msg: string) => lines.push({ level: 'error', fields, msg }),
    };
  });
  beforeEach(() => (lines.length = 0));

  const run = (headers: Record<string, string>, status: number, finished = true) => {
    const request = {
      method: 'POST',
      url: '/api/employees',
      originalUrl: '/api/employees',
      headers: { authorization: 'Bearer secret.token.here', ...headers },
      body: { name: '张三' },
    };
    const response = new FakeResponse();
    let nexted = false;
    requestLog()(request as never, response as never, () => (nexted = true));
    response.statusCode = status;
    response.writableFinished = finished;
    response.emit(finished ? 'finish' : 'close');
    response.emit('close');
    return { response, nexted };
  };

  it('writes one line per request with the caller’s correlation id, echoed in the response, and nothing personal', () => {
    const { response, nexted } = run({ 'x-correlation-id': 'req-123' }, 201);
    expect(nexted).toBe(true);
    expect(response.headers['x-correlation-id']).toBe('req-123');
    expect(lines).toEqual([
      {
        level: 'info',
        msg: 'request completed',
        fields: {
          req: { id: 'req-123', method: 'POST', url: '/api/employees' },
          res: { statusCode: 201 },
          responseTime: expect.any(Number),
        },
      },
    ]);
    expect(JSON.stringify(lines)).not.toMatch(/secret|张三|authorization/);
  });

  it('makes a correlation id when the caller gives none or a malformed one, and logs failures as errors', () => {
    const { response } = run({ 'x-correlation-id': 'bad id with spaces' }, 500);
    expect(response.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'error',
        msg: 'request errored',
        fields: expect.objectContaining({ req: expect.objectContaining({ id: response.headers['x-correlation-id'] }) }),
      }),
    ]);
  });

  it('logs a request the client gave up on as aborted', () => {
    run({}, 200, false);
    expect(lines.map((l) => l.msg)).toEqual(['request aborted']);
  });

  describe('through the root logger the application makes (LoggerModule: pino-http with rootLoggerOptions)', () => {
    const written: string[] = [];
    let fake: unknown;
    beforeAll(() => {
      fake = PinoLogger.root;
      const sink = new Writable({ write: (chunk, _encoding, done) => (written.push(String(chunk)), done()) });
      (PinoLogger as unknown as { root: unknown }).root = pinoHttp(rootLoggerOptions('info'), sink).logger;
    });
    afterAll(() => ((PinoLogger as unknown as { root: unknown }).root = fake));
    beforeEach(() => (written.length = 0));

    it.each([200, 201, 401, 403, 404, 409, 422, 500, 503])('writes the status code %i and the latency in ms', async (status) => {
      run({}, status);
      await new Promise((resolve) => setImmediate(resolve));
      expect(written).toHaveLength(1);
      const line = JSON.parse(written[0]);
      expect(line.res).toEqual({ statusCode: status });
      expect(line.responseTime).toEqual(expect.any(Number));
      expect(line.req).toEqual({ id: expect.any(String), method: 'POST', url: '/api/employees' });
    });
  });
});
