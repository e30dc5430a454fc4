import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo, Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { dingTalkSign, feishuSign, verifyWebhookSignature } from '../../src/notifications/channels/signatures';

/**
 * Receivers on 127.0.0.1 that check each vendor's documented request shape and
 * signature, as the real ones would refuse a bad request:
 * - POST /webhook/<name>: JSON, `Idempotency-Key`, `Webhook-Signature` checked with the
 *   secret and a 300 s replay window (401 otherwise);
 * - POST /dingtalk/robot/send?access_token=…&timestamp=…&sign=…: the 加签 checked
 *   (errcode 310000 otherwise, with HTTP 200 as DingTalk does), msgtype markdown/text;
 * - POST /wecom/cgi-bin/webhook/send?key=…: msgtype markdown/text (errcode 93000 for a bad key);
 * - POST /feishu/open-apis/bot/v2/hook/<id>: timestamp + sign in the body (code 19021 otherwise).
 * Each can be told to be slow, to fail (HTTP 500, or the vendor's error code with HTTP 200)
 * or to die (drop the connection). Every request is counted raw; `effects` counts each
 * idempotency key once per route (the message id: a header for webhooks, the `msg <id>`
 * footer for robots), which is what a receiver that deduplicates would act on.
 */
export type Mode = { kind: 'ok' } | { kind: 'slow'; ms: number } | { kind: 'fail'; vendorCode?: boolean } | { kind: 'die' };

export interface Received {
  route: string;
  key: string | null;
  body: Record<string, unknown>;
  headers: IncomingMessage['headers'];
  url: string;
}

export interface ReceiverSecrets {
  webhook: string;
  dingtalk: string;
  feishu: string;
  wecomKey: string;
}

export class HttpReceivers {
  readonly raw: Received[] = [];
  readonly rejected: Array<{ route: string; why: string }> = [];
  /** Keys acted on, per route: the first delivery of each. */
  readonly effects = new Map<string, Set<string>>();
  private readonly modes = new Map<string, Mode>();
  private readonly sockets = new Set<Socket>();
  private server!: Server;
  port = 0;

  constructor(readonly secrets: ReceiverSecrets) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** How the route (the path's first segment and name, e.g. `/webhook/it`) answers from now on. */
  setMode(route: string, mode: Mode): void {
    this.modes.set(route, mode);
  }

  count(route: string): number {
    return this.effects.get(route)?.size ?? 0;
  }

  rawCount(route: string): number {
    return this.raw.filter((r) => r.route === route).length;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await new Promise<string>((resolve) => {
      let data = '';
      req.setEncoding('utf8');
      req.on('data', (d: string) => (data += d));
      req.on('end', () => resolve(data));
    });
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = routeOf(url.pathname);
    const mode = this.modes.get(route) ?? { kind: 'ok' };
    if (mode.kind === 'die') {
      req.socket.destroy();
      return;
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return this.refuse(res, route, 400, 'body is not JSON');
    }
    if (req.method !== 'POST' || !String(req.headers['content-type']).startsWith('application/json')) {
      return this.refuse(res, route, 400, 'not a JSON POST');
    }
    const vendor = route.split('/')[1];
    const problem = this.check(vendor, url, req, text, body);
    const key = vendor === 'webhook' ? ((req.headers['idempotency-key'] as string | undefined) ?? null) : footerKey(body);
    this.raw.push({ route, key, body, headers: req.headers, url: url.toString() });
    if (problem) return this.answerVendor(res, vendor, route, problem.code, problem.why);
    // Slow: the request is counted on arrival and acted on after the wait, even if the sender has gone meanwhile
    // (killed mid-request): its retry then finds the key already acted on.
    if (mode.kind === 'slow') await new Promise((r) => setTimeout(r, mode.ms).unref());
    if (mode.kind === 'fail') {
      if (mode.vendorCode && vendor !== 'webhook') return this.answerVendor(res, vendor, route, 'rate', 'told to fail', false);
      res.writeHead(500).end('told to fail');
      return;
    }
    if (key) {
      const seen = this.effects.get(route) ?? new Set<string>();
      seen.add(key);
      this.effects.set(route, seen);
    }
    if (!res.destroyed) this.answerVendor(res, vendor, route, null, 'ok');
  }

  private check(
    vendor: string,
    url: URL,
    req: IncomingMessage,
    text: string,
    body: Record<string, unknown>,
  ): { code: string; why: string } | null {
    const now = Date.now();
    switch (vendor) {
      case 'webhook': {
        if (!req.headers['idempotency-key']) return { code: 'bad', why: 'no Idempotency-Key' };
        const why = verifyWebhookSignature(
          req.headers['webhook-signature'] as string | undefined,
          text,
          this.secrets.webhook,
          Math.floor(now / 1000),
        );
        return why ? { code: 'sign', why } : null;
      }
      case 'dingtalk': {
        const timestamp = Number(url.searchParams.get('timestamp'));
        if (!url.searchParams.get('access_token')) return { code: 'bad', why: 'no access_token' };
        if (!(Math.abs(now - timestamp) < 3600_000)) return { code: 'sign', why: 'timestamp outside an hour' };
        if (url.searchParams.get('sign') !== dingTalkSign(this.secrets.dingtalk, timestamp)) return { code: 'sign', why: 'sign mismatch' };
        return robotShape(body, 'msgtype', { markdown: ['title', 'text'], text: ['content'] });
      }
      case 'wecom':
        if (url.searchParams.get('key') !== this.secrets.wecomKey) return { code: 'sign', why: 'invalid webhook url' };
        return robotShape(body, 'msgtype', { markdown: ['content'], text: ['content'] });
      case 'feishu': {
        const timestamp = Number(body.timestamp);
        if (typeof body.timestamp !== 'string' || !(Math.abs(now / 1000 - timestamp) < 3600)) return { code: 'sign', why: 'timestamp' };
        if (body.sign !== feishuSign(this.secrets.feishu, timestamp)) return { code: 'sign', why: 'sign mismatch' };
        if (body.msg_type === 'text')
          return typeof (body.content as { text?: unknown })?.text === 'string' ? null : { code: 'bad', why: 'content.text' };
        if (body.msg_type === 'interactive')
          return Array.isArray((body.card as { elements?: unknown })?.elements) ? null : { code: 'bad', why: 'card' };
        return { code: 'bad', why: `msg_type ${String(body.msg_type)}` };
      }
      default:
        return { code: 'bad', why: `unknown route ${vendor}` };
    }
  }

  private refuse(res: ServerResponse, route: string, status: number, why: string): void {
    this.rejected.push({ route, why });
    res.writeHead(status).end(why);
  }

  /** As each vendor answers: DingTalk/WeCom {errcode, errmsg} and Feishu {code, msg} with HTTP 200; webhooks by status. */
  private answerVendor(res: ServerResponse, vendor: string, route: string, problem: string | null, why: string, rejected = true): void {
    if (problem && rejected) this.rejected.push({ route, why });
    if (vendor === 'webhook') {
      res
        .writeHead(problem === 'sign' ? 401 : problem ? 400 : 200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ ok: !problem }));
      return;
    }
    const codes: Record<string, Record<string, number>> = {
      dingtalk: { sign: 310000, bad: 40035, rate: 130101 },
      wecom: { sign: 93000, bad: 40008, rate: 45009 },
      feishu: { sign: 19021, bad: 9499, rate: 11232 },
    };
    const code = problem ? codes[vendor][problem] : 0;
    const answer =
      vendor === 'feishu' ? { code, msg: problem ? why : 'success', data: {} } : { errcode: code, errmsg: problem ? why : 'ok' };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  }
}

function routeOf(path: string): string {
  const [, vendor, name] = path.split('/');
  if (vendor === 'webhook') return `/webhook/${name}`;
  if (vendor === 'feishu') return `/feishu/${path.split('/').pop()}`;
  return `/${vendor}`;
}

/** The robots have no header for it: the message id is in the text's footer (`msg <id>`). */
function footerKey(body: Record<string, unknown>): string | null {
  const text = JSON.stringify(body);
  const match = /msg ([^"\\\s]+)/.exec(text);
  return match ? match[1] : null;
}

function robotShape(body: Record<string, unknown>, field: string, shapes: Record<string, string[]>): { code: string; why: string } | null {
  const type = String(body[field]);
  const needed = shapes[type];
  if (!needed) return { code: 'bad', why: `${field} ${type}` };
  const content = body[type] as Record<string, unknown> | undefined;
  for (const key of needed) if (typeof content?.[key] !== 'string') return { code: 'bad', why: `${type}.${key}` };
  return null;
}

/** An SMTP server (smtp-server) on 127.0.0.1 keeping each message's envelope, headers and text. */
export class SmtpReceiver {
  readonly messages: Array<{ from: string; to: string[]; raw: string; user?: string }> = [];
  private server!: SMTPServer;
  port = 0;

  constructor(private readonly credentials: { user: string; pass: string }) {}

  async start(): Promise<this> {
    this.server = new SMTPServer({
      secure: false,
      disabledCommands: ['STARTTLS'],
      authOptional: false,
      allowInsecureAuth: true,
      onAuth: (auth, _session, callback) => {
        if (auth.username === this.credentials.user && auth.password === this.credentials.pass)
          return callback(null, { user: auth.username });
        return callback(new Error('Invalid username or password'));
      },
      onData: (stream, session, callback) => {
        let raw = '';
        stream.setEncoding('utf8');
        stream.on('data', (d: string) => (raw += d));
        stream.on('end', () => {
          this.messages.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
            user: session.user as string | undefined,
          });
          callback();
        });
      },
      logger: false,
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
