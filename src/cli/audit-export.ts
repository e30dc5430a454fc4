/**
 * npm run audit:export -- --employee <id> --out <file>
 *
 * Writes the evidence package of one person (src/audit/evidence-format.ts): every
 * event of their archive, social-insurance account and offboarding cases, and
 * the refusals about them, as stored, with the chain heads, signed with the
 * service's Ed25519 key (DATA_DIR/audit-signing-key.pem, created if missing).
 * Reads the store the service is configured with (DATA_DIR, EVENT_STORE), as
 * stored: personal data stays sealed in the package.
 */
import { renameSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { exportEvidence } from '../audit/evidence-export';
import { loadOrCreateSigningKey } from '../audit/signing-key';
import { loadConfig } from '../config/config';
import { ID_PATTERN } from '../employees/employee.dto';
import { createRawEventStore } from '../infrastructure/stores';
import { writePrivateFile } from '../infrastructure/data-dir';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { employee: { type: 'string' }, out: { type: 'string' } } });
  if (!values.employee || !ID_PATTERN.test(values.employee) || !values.out) {
    process.stderr.write('Usage: npm run audit:export -- --employee <employee id> --out <file>\n');
    return 64;
  }
  const config = loadConfig();
  const key = loadOrCreateSigningKey(config.dataDir);
  // As stored (personal data sealed): the form the hash chains cover, and no keys needed.
  const store = await createRawEventStore(config);
  try {
    const evidence = await exportEvidence(store, key, values.employee, new Date());
    if (!evidence) {
      process.stderr.write(`No employee ${values.employee} in the event store.\n`);
      return 1;
    }
    // Complete or absent: a half-written package must never pass for one.
    const partial = `${values.out}.partial`;
    // Private like DATA_DIR: the package is the employee's whole record (wages, cases), signed.
    writePrivateFile(partial, evidence.content);
    renameSync(partial, values.out);
    const { streams, exportedAt } = evidence.header;
    process.stdout.write(`Evidence package for employee ${values.employee}, exported ${exportedAt}: ${values.out}\n`);
    for (const s of streams)
      process.stdout.write(
        `  ${s.stream} (${s.scope}): ${s.events} event${s.events === 1 ? '' : 's'}, head revision ${s.headRevision}, head hash ${s.headHash ?? 'none'}\n`,
      );
    process.stdout.write(`Signed with Ed25519 key ${key.fingerprint}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`audit:export failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
