/**
 * npm run audit:verify -- <file> [--public-key <pem file>]
 *
 * Checks an evidence package offline, with no server and no database: the
 * signature, then every chain against its signed head. Exit 0 when it holds,
 * 1 when it does not, 64 for a usage error.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { checkEvidence, EvidenceVerdict } from '../audit/evidence-check';

function main(): number {
  const { values, positionals } = parseArgs({ options: { 'public-key': { type: 'string' } }, allowPositionals: true });
  if (positionals.length !== 1) {
    process.stderr.write('Usage: npm run audit:verify -- <evidence file> [--public-key <pem file>]\n');
    return 64;
  }
  const [file] = positionals;
  const out = (text: string) => process.stdout.write(`${text}\n`);
  let content: Buffer;
  let publicKey: string | undefined;
  try {
    content = readFileSync(file);
    publicKey = values['public-key'] === undefined ? undefined : readFileSync(values['public-key'], 'utf8');
  } catch (error) {
    out(`FAILED: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }

  let verdict: EvidenceVerdict;
  try {
    verdict = checkEvidence(content, publicKey);
  } catch (error) {
    out(`FAILED: the package could not be read: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  out(`Evidence package ${file}`);
  if (verdict.header) out(`  employee ${verdict.header.employeeId}, exported ${verdict.header.exportedAt}, format ${verdict.header.format}`);
  if (verdict.key) out(`  signature checked with the ${verdict.key.source} public key ${verdict.key.fingerprint}`);
  for (const s of verdict.streams) out(`  ${s.ok ? 'ok  ' : 'FAIL'} ${s.stream} (${s.scope}): ${s.summary}`);
  for (const warning of verdict.warnings) out(`WARNING: ${warning}`);
  if (verdict.ok) {
    out('OK: the signature holds and every chain is intact up to its signed head.');
    return 0;
  }
  out(`FAILED: ${verdict.problems[0]}`);
  for (const more of verdict.problems.slice(1)) out(`  also: ${more}`);
  return 1;
}

process.exit(main());
