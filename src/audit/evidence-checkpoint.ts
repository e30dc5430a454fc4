import { employeeStream, insuranceStream } from '../domain/shared/streams';
import { digestOfLines, StreamHead } from './chain-heads';
import { checkpointProblem } from './chain-heads-checkpoint';
import { ExportedCheckpoint } from './checkpoints';
import { EvidenceEvent, EvidenceHeader } from './evidence-format';

/** A checkpoint an auditor kept (GET /api/audit/checkpoints/latest), read and proved: signed by the key, its heads list hashing to its digest. */
export interface HeldCheckpoint {
  position: string;
  takenAt: string;
  heads: Map<string, StreamHead>;
}

export function readHeldCheckpoint(json: string, publicKeyPem: string): HeldCheckpoint | string {
  let held: ExportedCheckpoint;
  try {
    held = JSON.parse(json) as ExportedCheckpoint;
  } catch {
    return 'the checkpoint file is not JSON';
  }
  const problem = checkpointProblem(held?.checkpoint, publicKeyPem);
  if (problem) return `the checkpoint cannot be trusted: ${problem}`;
  if (!Array.isArray(held.heads) || digestOfLines(held.heads.map((line) => `${line}\n`)) !== held.checkpoint.digest) {
    return 'the checkpoint file’s heads list does not hash to its signed digest: the list was changed';
  }
  const heads = new Map<string, StreamHead>();
  for (const line of held.heads) {
    const [stream, revision, hash] = String(line).split(' ');
    heads.set(stream, { revision: BigInt(revision), hash });
  }
  return { position: held.checkpoint.position, takenAt: held.checkpoint.takenAt, heads };
}

/**
 * A package's complete streams against a checkpoint taken before it was
 * exported: each stream the checkpoint knows must still hold, at the
 * checkpointed revision, the checkpointed hash; the person's archive and
 * account must not have vanished. An edit re-hashed forward, a truncated or a
 * deleted stream all show, even with the signature of the package intact.
 */
export function checkpointProblems(header: EvidenceHeader, byStream: Map<string, EvidenceEvent[]>, held: HeldCheckpoint): string[] {
  const problems: string[] = [];
  for (const declared of header.streams) {
    if (declared.scope !== 'complete') continue;
    const head = held.heads.get(declared.stream);
    if (!head) continue;
    const event = (byStream.get(declared.stream) ?? []).find((e) => e.revision === head.revision.toString());
    if (!event)
      problems.push(
        `${declared.stream}: the checkpoint of ${held.takenAt} holds revision ${head.revision}, the package ends before it: events were removed`,
      );
    else if (event.metadata.hash !== head.hash)
      problems.push(
        `${declared.stream}: revision ${head.revision} does not have the hash of the checkpoint of ${held.takenAt}: the stream was changed and re-hashed`,
      );
  }
  for (const stream of [employeeStream(header.employeeId), insuranceStream(header.employeeId)]) {
    if (held.heads.has(stream) && !header.streams.some((s) => s.stream === stream))
      problems.push(`${stream}: in the checkpoint of ${held.takenAt}, missing from the package: the stream was deleted`);
  }
  return problems;
}
