import { createHmac } from 'node:crypto';
import { dingTalkSign, feishuSign, verifyWebhookSignature, webhookSignature } from '../../src/notifications/channels/signatures';

/**
 * The vendors publish their steps and sample code, not fixed vectors (their examples
 * use the current time). The expected values below were computed once outside Node,
 * with OpenSSL, following each vendor's documented steps:
 *   printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac whsec_test                  (Stripe's v1)
 *   printf '1700000000000\nSECtest' | openssl dgst -sha256 -hmac SECtest -binary | base64 (DingTalk 加签)
 *   printf '' | openssl dgst -sha256 -mac HMAC -macopt hexkey:<hex of "1700000000\nSECtest"> -binary | base64 (Feishu)
 */
describe('channel signatures', () => {
  it('generic webhook: t=<seconds>,v1=<hex HMAC-SHA256(secret, t.body)>, as Stripe signs', () => {
    expect(webhookSignature('whsec_test', 1_700_000_000, '{"a":1}')).toBe(
      't=1700000000,v1=38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789',
    );
  });

  it('DingTalk: base64 HMAC-SHA256 keyed by the secret over "timestamp\\nsecret" (ms), URL-encoded when sent', () => {
    const sign = dingTalkSign('SECtest', 1_700_000_000_000);
    expect(sign).toBe('aZLLrriXgn05YbwaGR7knYsLeJADjr9NwLaNNKpxh4g=');
    expect(new URLSearchParams({ sign }).toString()).toBe('sign=aZLLrriXgn05YbwaGR7knYsLeJADjr9NwLaNNKpxh4g%3D');
  });

  it('Feishu: base64 HMAC-SHA256 keyed by "timestamp\\nsecret" (seconds) over an empty message', () => {
    expect(feishuSign('SECtest', 1_700_000_000)).toBe('G7XpBpG8NgG02fJOAhX6FRAObIljmFoxVReo8I62pEk=');
    // Not the DingTalk construction with seconds: the key and the message trade places.
    expect(feishuSign('SECtest', 1_700_000_000)).not.toBe(createHmac('sha256', 'SECtest').update('1700000000\nSECtest').digest('base64'));
  });

  describe('a webhook receiver verifying the header', () => {
    const body = '{"id":"m1"}';
    const header = webhookSignature('s3cret-value', 1_700_000_000, body);

    it('accepts the signed body within the replay window', () => {
      expect(verifyWebhookSignature(header, body, 's3cret-value', 1_700_000_000 + 299)).toBeNull();
    });
    it('refuses a replay outside the window, a changed body, another secret, and a missing or malformed header', () => {
      expect(verifyWebhookSignature(header, body, 's3cret-value', 1_700_000_000 + 301)).toBe('outside_replay_window');
      expect(verifyWebhookSignature(header, body, 's3cret-value', 1_700_000_000 - 301)).toBe('outside_replay_window');
      expect(verifyWebhookSignature(header, '{"id":"m2"}', 's3cret-value', 1_700_000_000)).toBe('mismatch');
      expect(verifyWebhookSignature(header, body, 'another-secret', 1_700_000_000)).toBe('mismatch');
      expect(verifyWebhookSignature(undefined, body, 's3cret-value', 1_700_000_000)).toBe('missing');
      expect(verifyWebhookSignature('t=abc,v1=zz', body, 's3cret-value', 1_700_000_000)).toBe('malformed');
      // A timestamp moved into the window does not carry the old signature with it.
      const moved = header.replace('t=1700000000', 't=1700000500');
      expect(verifyWebhookSignature(moved, body, 's3cret-value', 1_700_000_500)).toBe('mismatch');
    });
  });
});
