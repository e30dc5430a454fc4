import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { KeyStore } from '../../infrastructure/key-store/key-store.port';
import { SealedSecret } from './channel';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Channel secrets at rest, sealed as personal data is (personal-data/sealed-personal-data.ts):
 * AES-256-GCM, a random 12-byte IV, a 16-byte tag, the channel id as associated data (a
 * sealed secret copied onto another channel fails to open). The key is the channel's own
 * in the key store (`channel-<id>`): removing a channel destroys its key, and with it every
 * copy of the secret (backups of the read store included).
 */
export class ChannelSecrets {
  constructor(private readonly keys: KeyStore) {}

  async seal(channelId: string, secret: string): Promise<SealedSecret> {
    const key = await this.keys.getOrCreate(keyId(channelId));
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(channelId, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return {
      alg: 'A256GCM',
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      ciphertext: ciphertext.toString('base64'),
    };
  }

  /** The secret, or throws when the key is gone or the block fails authentication. */
  async open(channelId: string, sealed: SealedSecret): Promise<string> {
    const key = await this.keys.get(keyId(channelId));
    if (!key) throw new Error(`The key of channel ${channelId} is destroyed`);
    const iv = Buffer.from(sealed.iv, 'base64');
    const tag = Buffer.from(sealed.tag, 'base64');
    if (sealed.alg !== 'A256GCM' || iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error('Malformed sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(channelId, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]).toString('utf8');
  }

  destroy(channelId: string): Promise<void> {
    return this.keys.destroy(keyId(channelId));
  }
}

const keyId = (channelId: string) => `channel-${channelId}`;
