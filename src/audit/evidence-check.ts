import { createHash, createPublicKey, KeyObject, verify } from 'node:crypto';
import { ChainCursor, ownHashProblem } from './chain-verifier';
import { checkpointProblems, HeldCheckpoint } from './evidence-checkpoint';
import { EVIDENCE_FORMAT, EvidenceEvent, EvidenceHeader, EvidenceSignature, EvidenceStream } from './evidence-format';
import { publicKeyFingerprint } from './signing-key';

export interface StreamVerdict {
  stream: string;
  scope: EvidenceStream['scope'];
  events: number;
  ok: boolean;
  summary: string;
}

export interface EvidenceVerdict {
  ok: boolean;
  /** Every problem found, the first one first. */
  problems: string[];
  warnings: string[];
  header: EvidenceHeader | null;
  /** The key the signature was checked with. */
  key: { fingerprint: string; source: 'given' | 'embedded' } | null;
  streams: StreamVerdict[];
}

/**
 * Checks an evidence package offline (no server, no database): the Ed25519
 * signature over every byte before the signature line, then every stream's
 * chain against the signed heads, and against a checkpoint the auditor kept, when
 * given. Without a trusted public key the one inside the package is used, which
 * proves the file intact but not who made it: the CLI asks for that explicitly.
 */
export function checkEvidence(content: Buffer, trustedPublicKeyPem?: string, checkpoint?: HeldCheckpoint): EvidenceVerdict {
  const verdict: EvidenceVerdict = { ok: false, problems: [], warnings: [], header: null, key: null, streams: [] };
  const problem = (message: string) => verdict.problems.push(message);

  const split = splitSignature(content);
  if (!split) {
    problem('the file does not end with a signature line: it is truncated or not an evidence package');
    return verdict;
  }
  checkSignature(split.body, split.signature, trustedPublicKeyPem, verdict);

  const lines = split.body.toString('utf8').split('\n').slice(0, -1);
  const parsed = lines.map((text, index) => parseLine(text, index + 1, problem));
  const header = parsed[0] as EvidenceHeader | undefined;
  if (header?.kind !== 'header' || header.format !== EVIDENCE_FORMAT || !Array.isArray(header.streams)) {
    problem(`line 1 is not an ${EVIDENCE_FORMAT} header`);
    return verdict;
  }
  verdict.header = header;
  checkStreams(header, parsed.slice(1), verdict, checkpoint);
  verdict.ok = verdict.problems.length === 0;
  return verdict;
}

/** The bytes the signature covers, and the parsed signature line (the file's last line). */
function splitSignature(content: Buffer): { body: Buffer; signature: EvidenceSignature } | null {
  if (content.length === 0 || content[content.length - 1] !== 0x0a) return null;
  const start = content.lastIndexOf(0x0a, content.length - 2) + 1;
  try {
    const signature = JSON.parse(content.subarray(start).toString('utf8')) as EvidenceSignature;
    return signature?.kind === 'signature' ? { body: content.subarray(0, start), signature } : null;
  } catch {
    return null;
  }
}

function checkSignature(body: Buffer, signature: EvidenceSignature, trustedPem: string | undefined, verdict: EvidenceVerdict): void {
  const key = publicKey(trustedPem ?? signature.publicKey);
  if (!key) {
    verdict.problems.push(
      trustedPem
        ? 'the given public key is not an Ed25519 public key (PEM)'
        : 'the public key inside the package is not an Ed25519 public key',
    );
    return;
  }
  const fingerprint = publicKeyFingerprint(trustedPem ?? signature.publicKey);
  verdict.key = { fingerprint, source: trustedPem ? 'given' : 'embedded' };
  if (!trustedPem) {
    verdict.warnings.push(
      `The signature was checked with the public key inside the package (${fingerprint}): this shows the file is intact, not who made it. ` +
        'Compare that fingerprint with the service’s key (GET /api/audit/public-key), or pass --public-key <pem file>.',
    );
  }
  const digest = createHash('sha256').update(body).digest();
  const valid = typeof signature.signature === 'string' && verify(null, digest, key, Buffer.from(signature.signature, 'base64'));
  if (valid) return;
  const embedded = publicKey(signature.publicKey) ? publicKeyFingerprint(signature.publicKey) : null;
  if (signature.digest !== digest.toString('hex'))
    verdict.problems.push('the signature does not match the content: the file was changed after it was signed');
  else if (trustedPem && embedded !== fingerprint)
    verdict.problems.push(`the package was not signed with the given public key (${fingerprint}); it names ${embedded ?? 'no valid key'}`);
  else verdict.problems.push('the signature is not valid for this content and key');
}

function publicKey(pem: unknown): KeyObject | null {
  try {
    const key = createPublicKey(String(pem));
    return key.asymmetricKeyType === 'ed25519' ? key : null;
  } catch {
    return null;
  }
}

function parseLine(text: string, number: number, problem: (message: string) => void): { kind?: string } | null {
  try {
    return JSON.parse(text) as { kind?: string };
  } catch {
    problem(`line ${number} is not JSON`);
    return null;
  }
}

const DECIMAL = /^(0|[1-9]\d*)$/;

/** Complete streams: the chain link by link up to the signed head. Excerpts: each event's own hash. */
function checkStreams(
  header: EvidenceHeader,
  lines: Array<{ kind?: string } | null>,
  verdict: EvidenceVerdict,
  checkpoint: HeldCheckpoint | undefined,
): void {
  const byStream = new Map<string, EvidenceEvent[]>(header.streams.map((s) => [s.stream, []]));
  if (byStream.size !== header.streams.length) verdict.problems.push('the header names a stream twice');
  lines.forEach((entry, index) => {
    const event = entry as EvidenceEvent | null;
    if (!event) return;
    const where = `line ${index + 2}`;
    const wellFormed =
      event.kind === 'event' &&
      typeof event.revision === 'string' &&
      DECIMAL.test(event.revision) &&
      typeof event.metadata === 'object' &&
      event.metadata !== null;
    if (!wellFormed) verdict.problems.push(`${where} is not an event`);
    else if (!byStream.has(event.stream)) verdict.problems.push(`${where}: stream ${event.stream} is not in the header`);
    else byStream.get(event.stream)!.push(event);
  });
  for (const declared of header.streams) {
    if (!DECIMAL.test(String(declared.headRevision)) || (declared.scope !== 'complete' && declared.scope !== 'excerpt')) {
      verdict.problems.push(`the header's entry for ${declared.stream} is not valid`);
      continue;
    }
    const events = byStream.get(declared.stream) ?? [];
    const problems = declared.scope === 'complete' ? completeStreamProblems(declared, events) : excerptProblems(declared, events);
    verdict.problems.push(...problems.map((p) => `${declared.stream}: ${p}`));
    verdict.streams.push({
      stream: declared.stream,
      scope: declared.scope,
      events: events.length,
      ok: problems.length === 0,
      summary: problems[0] ?? summary(declared, events),
    });
  }
  if (checkpoint) verdict.problems.push(...checkpointProblems(header, byStream, checkpoint));
}

function completeStreamProblems(declared: EvidenceStream, events: EvidenceEvent[]): string[] {
  const cursor = new ChainCursor();
  for (const e of events)
    cursor.check({ ...e, revision: BigInt(e.revision), position: DECIMAL.test(e.position) ? BigInt(e.position) : undefined });
  if (cursor.broken) return [`revision ${cursor.broken.revision}: ${cursor.broken.detail}`];
  const head = cursor.head;
  if (!head || head.revision.toString() !== declared.headRevision) {
    return [
      `the chain ends at revision ${head?.revision ?? 'none'}, but the signed head is revision ${declared.headRevision}: events are missing`,
    ];
  }
  if (head.hash !== declared.headHash) return [`the last event's hash is not the signed head hash`];
  if (events.length !== declared.events) return [`the header counts ${declared.events} events, the package holds ${events.length}`];
  return [];
}

function excerptProblems(declared: EvidenceStream, events: EvidenceEvent[]): string[] {
  const problems: string[] = [];
  if (events.length !== declared.events) problems.push(`the header counts ${declared.events} events, the package holds ${events.length}`);
  for (const e of events) {
    const own = ownHashProblem(e);
    if (own) problems.push(`revision ${e.revision}: ${own}`);
    if (BigInt(e.revision) > BigInt(declared.headRevision))
      problems.push(`revision ${e.revision} is after the signed head ${declared.headRevision}`);
    if (e.revision === declared.headRevision && e.metadata.hash !== declared.headHash)
      problems.push(`revision ${e.revision}: its hash is not the signed head hash`);
  }
  return problems;
}

function summary(declared: EvidenceStream, events: EvidenceEvent[]): string {
  if (declared.scope === 'complete')
    return `${counted(events.length)}, revisions 0-${declared.headRevision}, chain intact up to the signed head`;
  return `${events.length} of ${counted(Number(declared.headRevision) + 1)}, each event's own hash intact; the chain between them is verified only on the whole store`;
}

function counted(events: number): string {
  return `${events} event${events === 1 ? '' : 's'}`;
}
