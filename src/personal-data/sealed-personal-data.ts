import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Personal data as stored: AES-256-GCM under the employee's key, with a random
 * 12-byte IV (NIST SP 800-38D's recommended length; random IVs stay safe far
 * beyond the number of events one employee will ever have) and a 16-byte tag.
 * Binary fields are base64 so the event data stays JSON.
 */
export interface Sealed {
  alg: 'A256GCM';
  iv: string;
  tag: string;
  ciphertext: string;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * The employee and the event are authenticated with the ciphertext: a sealed
 * block copied into another event, or under another employee, fails to open.
 */
const associatedData = (employeeId: string, eventId: string) => Buffer.from(JSON.stringify([employeeId, eventId]), 'utf8');

export function seal(fields: unknown, key: Buffer, employeeId: string, eventId: string): Sealed {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(employeeId, eventId));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(fields), 'utf8'), cipher.final()]);
  return {
    alg: 'A256GCM',
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ciphertext: ciphertext.toString('base64'),
  };
}

/** The sealed fields; throws when the block is malformed or fails authentication (altered ciphertext, IV, tag or binding). */
export function open(sealed: Sealed, key: Buffer, employeeId: string, eventId: string): Record<string, unknown> {
  if (sealed.alg !== 'A256GCM') throw new Error(`Unknown sealing algorithm ${String(sealed.alg)}`);
  const iv = Buffer.from(sealed.iv, 'base64');
  const tag = Buffer.from(sealed.tag, 'base64');
  // Node accepts shorter tags unless told the length; a truncated tag must not pass.
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error('Malformed sealed block');
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(associatedData(employeeId, eventId));
  decipher.setAuthTag(tag);
  const plaintext = Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]);
  return JSON.parse(plaintext.toString('utf8')) as Record<string, unknown>;
}
