/**
 * npm run audit:verify -- <file> --public-key <pem file> [--checkpoint <json file>]
 * npm run audit:verify -- <file> --trust-embedded-key [--checkpoint <json file>]
 *
 * Checks an evidence package offline, with no server and no database: the
 * signature, then every chain against its signed head, and, with --checkpoint,
 * against a checkpoint of the chain heads kept outside the service
 * (GET /api/audit/checkpoints/latest). A package is checked against a trusted
 * public key: anyone can re-sign a changed package with a key of their own and
 * embed it, so the embedded key is used only when asked for by name.
 * Exit 0 when it holds, 1 when it does not, 64 for a usage error.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { checkEvidence, EvidenceVerdict } from '../audit/evidence-check';
import { HeldCheckpoint, readHeldCheckpoint } from '../audit/evidence-checkpoint';
import { EvidenceSignature } from '../audit/evidence-format';

const USAGE =
  'Usage: npm run audit:verify -- <evidence file> (--public-key <pem file> | --trust-embedded-key) [--checkpoint <checkpoint json>]\n';

function main(): number {
  const { values, positionals } = parseArgs({
    options: { 'public-key': { type: 'string' }, 'trust-embedded-key': { type: 'boolean' }, checkpoint: { type: 'string' } },
    allowPositionals: true,
  });
  if (positionals.length !== 1) {
    process.stderr.write(USAGE);
    return 64;
  }
  const trustEmbedded = values['trust-embedded-key'] === true;
  if (values['public-key'] === undefined && !trustEmbedded) {
    process.stderr.write(
      'No trusted public key: a package re-signed with another key would pass. Pass the service’s key (curl <service>/api/audit/public-key > service.pem; --public-key service.pem), ' +
        'or --trust-embedded-key to check only that the file is intact.\n' +
        USAGE,
    );
    return 64;
  }
  const [file] = positionals;
  const out = (text: string) => process.stdout.write(`${text}\n`);
  let content: Buffer;
  let publicKey: string | undefined;
  let checkpoint: HeldCheckpoint | undefined;
  try {
    content = readFileSync(file);
    publicKey = values['public-key'] === undefined ? undefined : readFileSync(values['public-key'], 'utf8');
    if (values.checkpoint !== undefined) {
      const held = readHeldCheckpoint(readFileSync(values.checkpoint, 'utf8'), publicKey ?? embeddedKey(content));
      if (typeof held === 'string') {
        out(`FAILED: ${held}`);
        return 1;
      }
      checkpoint = held;
    }
  } catch (error) {
    out(`FAILED: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }

  let verdict: EvidenceVerdict;
  try {
    verdict = checkEvidence(content, publicKey, checkpoint);
  } catch (error) {
    out(`FAILED: the package could not be read: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  out(`Evidence package ${file}`);
  if (verdict.header)
    out(`  employee ${verdict.header.employeeId}, exported ${verdict.header.exportedAt}, format ${verdict.header.format}`);
  if (verdict.key) out(`  signature checked with the ${verdict.key.source} public key ${verdict.key.fingerprint}`);
  if (checkpoint)
    out(`  compared with the checkpoint of ${checkpoint.takenAt} (log position ${checkpoint.position}, ${checkpoint.heads.size} streams)`);
  for (const s of verdict.streams) out(`  ${s.ok ? 'ok  ' : 'FAIL'} ${s.stream} (${s.scope}): ${s.summary}`);
  for (const warning of verdict.warnings) out(`WARNING: ${warning}`);
  if (verdict.ok) {
    out(`OK: the signature holds and every chain is intact up to its signed head${checkpoint ? ' and agrees with the checkpoint' : ''}.`);
    return 0;
  }
  out(`FAILED: ${verdict.problems[0]}`);
  for (const more of verdict.problems.slice(1)) out(`  also: ${more}`);
  return 1;
}

/** With --trust-embedded-key the checkpoint, too, is checked with the key the package names (so it proves as little). */
function embeddedKey(content: Buffer): string {
  const lastLine = content.toString('utf8').trimEnd().split('\n').pop() ?? '';
  try {
    return String((JSON.parse(lastLine) as EvidenceSignature).publicKey);
  } catch {
    return '';
  }
}

process.exit(main());
