import canonicalize from 'canonicalize';
import { createPublicKey, KeyObject, sign, verify } from 'node:crypto';
import { publicKeyFingerprint, SigningKey } from './signing-key';

/**
 * A signed checkpoint of every chain head (README, Reports and audit). The event
 * is compact whatever the size of the store: the position of the global log it
 * covers, counts, and the SHA-256 of the sorted head list (chain-heads.ts). The
 * list itself is not stored: it is recomputed from the log up to `position`
 * whenever needed, and exported with the checkpoint for an auditor to keep.
 *
 * Each checkpoint names its predecessor, and a checkpoint is only taken when the
 * store still matches the previous one, so the latest checkpoint vouches for all
 * of them: an edit made between two checkpoints cannot be blessed by the next.
 */
export const CHECKPOINT_STREAM = 'checkpoint-chain_heads';
export const CHECKPOINT_EVENT = 'ChainHeadsCheckpointed';
export const CHECKPOINT_FORMAT = 'chain-heads/1';
/** The envelope's schemaVersion of a checkpoint event; the data's own `format` names its layout for auditors' tools. */
export const CHECKPOINT_SCHEMA_VERSION = 1;

export interface CheckpointSummary {
  format: typeof CHECKPOINT_FORMAT;
  /** The global log up to and including this position (decimal: positions are 64-bit). */
  position: string;
  streams: number;
  events: number;
  /** SHA-256 (hex) of the sorted `<stream> <revision> <hash>\n` lines. */
  digest: string;
  takenAt: string;
  previous: { position: string; digest: string } | null;
}

export interface ChainHeadsCheckpointed extends CheckpointSummary {
  signature: { algorithm: 'Ed25519'; publicKeyFingerprint: string; value: string };
}

/** The signed message: the canonical JSON (RFC 8785) of the summary, without the signature. */
const message = (summary: CheckpointSummary): Buffer => Buffer.from(canonicalize(summary)!, 'utf8');

export function signCheckpoint(summary: CheckpointSummary, key: SigningKey): ChainHeadsCheckpointed {
  return {
    ...summary,
    signature: {
      algorithm: 'Ed25519',
      publicKeyFingerprint: key.fingerprint,
      value: sign(null, message(summary), key.privateKey).toString('base64'),
    },
  };
}

/** Null when the checkpoint is well formed and signed by the given key; otherwise what is wrong. */
export function checkpointProblem(data: unknown, publicKeyPem: string): string | null {
  const checkpoint = data as Partial<ChainHeadsCheckpointed> | null;
  if (
    !checkpoint ||
    checkpoint.format !== CHECKPOINT_FORMAT ||
    typeof checkpoint.position !== 'string' ||
    !/^\d+$/.test(checkpoint.position) ||
    typeof checkpoint.digest !== 'string'
  ) {
    return 'it is not a chain-heads checkpoint';
  }
  const { signature, ...summary } = checkpoint as ChainHeadsCheckpointed;
  let key: KeyObject;
  try {
    key = createPublicKey(publicKeyPem);
  } catch {
    return 'the public key to check it with is not a PEM public key';
  }
  const valid = typeof signature?.value === 'string' && verify(null, message(summary), key, Buffer.from(signature.value, 'base64'));
  return valid
    ? null
    : `its signature is not valid for the key ${publicKeyFingerprint(publicKeyPem)} (it names ${signature?.publicKeyFingerprint ?? 'no key'}): it was forged or signed with another key`;
}
