import { createTransport } from 'nodemailer';
import { OutboundMessage } from '../outbound-message';
import { ChannelConfig } from './channel';
import { markdownOf, plainTextOf, subjectOf } from './message-text';
import { dingTalkSign, feishuSign, webhookSignature } from './signatures';

/** One attempt's failure: retryable (timeout, 5xx, 429, a robot's rate limit) or not (4xx, a refused signature). */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export interface Attempt {
  message: OutboundMessage;
  channel: ChannelConfig;
  /** The opened secret (HMAC key, robot secret, SMTP password), if the channel has one. */
  secret: string | undefined;
  attempt: number;
  timeoutMs: number;
  now: Date;
}

/** Sends one message through one channel; resolves when the receiver accepted it, throws DeliveryError otherwise. */
export async function send(attempt: Attempt): Promise<void> {
  switch (attempt.channel.type) {
    case 'webhook':
      return sendWebhook(attempt);
    case 'dingtalk':
      return sendDingTalk(attempt);
    case 'wecom':
      return sendWeCom(attempt);
    case 'feishu':
      return sendFeishu(attempt);
    case 'email':
      return sendEmail(attempt);
  }
}

/**
 * The generic webhook: the message as JSON, signed (signatures.ts, Stripe's scheme), the
 * message id in `Idempotency-Key` (the same on every attempt: the receiver keeps the
 * first and answers 2xx to repeats). Any 2xx is accepted.
 */
async function sendWebhook({ message, channel, secret, attempt, timeoutMs, now }: Attempt): Promise<void> {
  const body = JSON.stringify({
    id: message.id,
    kind: message.kind,
    title: message.title,
    text: message.text,
    caseId: message.caseId,
    employeeId: message.employeeId,
    step: message.step,
    payload: message.payload,
    attempt,
    sentAt: now.toISOString(),
  });
  const headers: Record<string, string> = { 'content-type': 'application/json', 'idempotency-key': message.id };
  if (secret) headers['webhook-signature'] = webhookSignature(secret, Math.floor(now.getTime() / 1000), body);
  await post(channel.url!, headers, body, timeoutMs, () => undefined);
}

/**
 * DingTalk custom robot (https://open.dingtalk.com/document/orgapp/custom-robots-send-group-messages):
 * POST {msgtype:'markdown', markdown:{title,text}} or {msgtype:'text', text:{content}} to the
 * webhook URL, signed with `&timestamp=<ms>&sign=<urlencoded base64>` when the robot has a secret.
 * DingTalk answers HTTP 200 with {errcode, errmsg}: errcode 0 is success; 130101 (too many
 * messages per minute) is retried later; any other code is the request's fault.
 */
async function sendDingTalk({ message, channel, secret, timeoutMs, now }: Attempt): Promise<void> {
  const url = new URL(channel.url!);
  if (secret) {
    const timestamp = now.getTime();
    url.searchParams.set('timestamp', String(timestamp));
    url.searchParams.set('sign', dingTalkSign(secret, timestamp));
  }
  const body =
    channel.format === 'markdown'
      ? { msgtype: 'markdown', markdown: { title: subjectOf(message), text: markdownOf(message) } }
      : { msgtype: 'text', text: { content: plainTextOf(message) } };
  await post(url.toString(), { 'content-type': 'application/json' }, JSON.stringify(body), timeoutMs, (answer) =>
    robotAnswer('DingTalk', answer, 'errcode', 'errmsg', [130101]),
  );
}

/**
 * WeCom group robot (https://developer.work.weixin.qq.com/document/path/91770): POST to
 * `…/cgi-bin/webhook/send?key=<key>` {msgtype:'markdown', markdown:{content}} or
 * {msgtype:'text', text:{content}}; HTTP 200 with {errcode, errmsg}, errcode 0 on success,
 * 45009 (over the 20 messages a minute) retried later.
 */
async function sendWeCom({ message, channel, timeoutMs }: Attempt): Promise<void> {
  const body =
    channel.format === 'markdown'
      ? { msgtype: 'markdown', markdown: { content: markdownOf(message) } }
      : { msgtype: 'text', text: { content: plainTextOf(message) } };
  await post(channel.url!, { 'content-type': 'application/json' }, JSON.stringify(body), timeoutMs, (answer) =>
    robotAnswer('WeCom', answer, 'errcode', 'errmsg', [45009]),
  );
}

/**
 * Feishu/Lark custom bot (https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot):
 * POST {timestamp, sign, msg_type:'text', content:{text}}, or an interactive card with one
 * markdown element for markdown; `timestamp` (seconds, a string) and `sign` in the body when
 * the bot has a secret. Feishu answers {code, msg} (older bots {StatusCode, StatusMessage}):
 * 0 is success; 9499 / 11232 (rate limited) retried later.
 */
async function sendFeishu({ message, channel, secret, timeoutMs, now }: Attempt): Promise<void> {
  const signed = secret ? { timestamp: String(Math.floor(now.getTime() / 1000)) } : {};
  const sign = secret ? { sign: feishuSign(secret, Number(signed.timestamp)) } : {};
  const content =
    channel.format === 'markdown'
      ? {
          msg_type: 'interactive',
          card: {
            header: { title: { tag: 'plain_text', content: subjectOf(message) } },
            elements: [{ tag: 'markdown', content: markdownOf(message) }],
          },
        }
      : { msg_type: 'text', content: { text: plainTextOf(message) } };
  await post(
    channel.url!,
    { 'content-type': 'application/json' },
    JSON.stringify({ ...signed, ...sign, ...content }),
    timeoutMs,
    (answer) =>
      answer && typeof answer === 'object' && 'StatusCode' in answer
        ? robotAnswer('Feishu', answer, 'StatusCode', 'StatusMessage', [9499, 11232])
        : robotAnswer('Feishu', answer, 'code', 'msg', [9499, 11232]),
  );
}

/** E-mail over SMTP (nodemailer): the message id as the Message-ID's local part, so a receiving system can drop a repeat. */
async function sendEmail({ message, channel, secret, timeoutMs }: Attempt): Promise<void> {
  const smtp = channel.smtp!;
  const transport = createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    auth: smtp.user ? { user: smtp.user, pass: secret ?? '' } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  try {
    await transport.sendMail({
      from: smtp.from,
      to: smtp.to,
      subject: subjectOf(message),
      text: plainTextOf(message),
      messageId: `<${encodeURIComponent(message.id)}@notifications.offboarding>`,
      headers: { 'Idempotency-Key': message.id },
    });
  } catch (error) {
    const code = (error as { responseCode?: number }).responseCode;
    // 5xx SMTP replies are permanent (a refused address); a dropped connection or 4xx is tried again.
    throw new DeliveryError(`SMTP: ${(error as Error).message}`, !(typeof code === 'number' && code >= 500));
  } finally {
    transport.close();
  }
}

/** POSTs with a timeout; 2xx then `check` on the parsed answer; 429 and 5xx retryable, other statuses not. */
async function post(url: string, headers: Record<string, string>, body: string, timeoutMs: number, check: (answer: unknown) => void) {
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    throw new DeliveryError(timedOut ? `no answer within ${timeoutMs} ms` : `request failed: ${(error as Error).message}`, true);
  }
  const text = await response.text().catch(() => '');
  if (!response.ok) {
    throw new DeliveryError(`HTTP ${response.status}`, response.status === 429 || response.status >= 500 || response.status === 408);
  }
  check(parsed(text));
}

function parsed(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** The robots answer HTTP 200 with a code of their own: only 0 is success. */
function robotAnswer(vendor: string, answer: unknown, codeField: string, messageField: string, retryable: number[]): void {
  const fields = (answer ?? {}) as Record<string, unknown>;
  const code = fields[codeField];
  if (code === 0) return;
  throw new DeliveryError(
    `${vendor} ${codeField} ${String(code)}: ${String(fields[messageField] ?? '')}`.slice(0, 200),
    retryable.includes(Number(code)),
  );
}
