import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signatures each channel's receiver checks. Pure functions of the secret, the
 * time and the body, so the unit tests pin them to the vendors' documented steps.
 */

/**
 * The generic webhook, after Stripe's scheme (https://docs.stripe.com/webhooks#verify-manually):
 * header `Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`. The
 * timestamp is inside what is signed, so a receiver that refuses a `t` outside its replay
 * window (Stripe's libraries: 300 s) refuses a captured request replayed later.
 */
export function webhookSignature(secret: string, timestampSeconds: number, body: string): string {
  const v1 = createHmac('sha256', secret).update(`${timestampSeconds}.${body}`, 'utf8').digest('hex');
  return `t=${timestampSeconds},v1=${v1}`;
}

export const WEBHOOK_REPLAY_WINDOW_SECONDS = 300;

/** What a receiver does with the header (test/support's receiver, and the README's recipe): why it refused, or null. */
export function verifyWebhookSignature(
  header: string | undefined,
  body: string,
  secret: string,
  nowSeconds: number,
  toleranceSeconds = WEBHOOK_REPLAY_WINDOW_SECONDS,
): 'missing' | 'malformed' | 'outside_replay_window' | 'mismatch' | null {
  if (!header) return 'missing';
  const parts = new Map(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1');
  if (!Number.isInteger(t) || !v1 || !/^[0-9a-f]{64}$/.test(v1)) return 'malformed';
  if (Math.abs(nowSeconds - t) > toleranceSeconds) return 'outside_replay_window';
  const expected = Buffer.from(webhookSignature(secret, t, body).slice(`t=${t},v1=`.length), 'hex');
  return timingSafeEqual(expected, Buffer.from(v1, 'hex')) ? null : 'mismatch';
}

/**
 * DingTalk custom robot, 加签 (https://open.dingtalk.com/document/orgapp/customize-robot-security-settings;
 * the same text at https://apifox.com/apidoc/docs-site/467052/doc-3550006): string to sign
 * `timestamp + "\n" + secret` (timestamp in milliseconds, within an hour of DingTalk's clock),
 * HmacSHA256 keyed by the secret, Base64, then URL-encoded into `&timestamp=…&sign=…`.
 * Answers the Base64 value; URLSearchParams does the encoding.
 */
export function dingTalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

/**
 * Feishu/Lark custom bot, 签名校验 (https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot):
 * the KEY is `timestamp + "\n" + secret` (timestamp in seconds), the message empty; Base64.
 * Sent in the body as `timestamp` (a string) and `sign`, next to msg_type and content.
 */
export function feishuSign(secret: string, timestampSeconds: number): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('', 'utf8').digest('base64');
}
