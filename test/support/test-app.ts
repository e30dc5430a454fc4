import { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/bootstrap';
import { Config, loadConfig } from '../../src/config/config';
import { TEST_SECRET } from './tokens';

export interface TestApp {
  app: INestApplication;
  config: Config;
  close(): Promise<void>;
}

/** The service on the embedded stores, in a fresh data directory, listening on a free port. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-e2e-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', AUTH_JWT_SECRET: TEST_SECRET, RATE_LIMIT_PER_MINUTE: '1000000', ...env });
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  return {
    app,
    config,
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
