/**
 * The evidence package: NDJSON, one JSON object per line, UTF-8, each line ending in \n.
 *
 *   line 1       header: format, employee, exportedAt, every stream with its head (revision and hash)
 *   lines 2..n-1 one raw envelope per line, exactly as stored (the form the hash chain covers)
 *   line n       signature: Ed25519 over the SHA-256 of every byte before this line
 *
 * Revisions and positions are decimal strings: they are 64-bit and JSON numbers would round them.
 */
export const EVIDENCE_FORMAT = 'offboarding-ledger-evidence/1';

/**
 * `complete`: every event of the stream, so its chain is verified link by link up to the signed head.
 * `excerpt`: only the events about this person from a stream shared with others
 * (the monthly refusal log, audit-<yyyy-mm>): each event's own hash is checked,
 * but the chain between them can only be verified on the whole store
 * (GET /api/audit/verify?stream=...).
 */
export type StreamScope = 'complete' | 'excerpt';

export interface EvidenceStream {
  stream: string;
  scope: StreamScope;
  /** Events of the stream in this package. */
  events: number;
  /** The stream's last revision and hash when it was exported. */
  headRevision: string;
  headHash: string | null;
}

export interface EvidenceHeader {
  kind: 'header';
  format: typeof EVIDENCE_FORMAT;
  employeeId: string;
  exportedAt: string;
  streams: EvidenceStream[];
  notes: string[];
}

export interface EvidenceEvent {
  kind: 'event';
  stream: string;
  revision: string;
  position: string;
  id: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: Record<string, unknown>;
}

export interface EvidenceSignature {
  kind: 'signature';
  algorithm: 'Ed25519';
  /** The signed message: the SHA-256 (hex here, the 32 raw bytes are signed) of every byte before this line. */
  digest: string;
  signature: string;
  publicKey: string;
  publicKeyFingerprint: string;
}

export const line = (value: EvidenceHeader | EvidenceEvent | EvidenceSignature): string => `${JSON.stringify(value)}\n`;
