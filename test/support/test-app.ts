import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppOptions } from '../../src/app.module';
import { createApp } from '../../src/bootstrap';
import { Config, loadConfig } from '../../src/config/config';
import { MongoTestServer } from './mongo-test-server';
import { TEST_SECRET } from './tokens';

export interface TestApp {
  app: NestFastifyApplication;
  config: Config;
  close(): Promise<void>;
}

export interface TestAppOptions extends AppOptions {
  /** The read store on this (started) MongoDB, in a database of its own that the server drops when it stops; else SQLite. */
  mongoReadStore?: MongoTestServer;
}

/**
 * The service in a fresh data directory, listening on a free port: on the embedded
 * stores unless `env` or `options.mongoReadStore` choose others, and on the system
 * clock unless `options.clock` gives one (e.g. a fixed instant).
 */
export async function startTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const { mongoReadStore: mongo, ...appOptions } = options;
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-e2e-'));
  const readStore = mongo ? { READ_STORE: 'mongo', MONGODB_URI: mongo.uri(), MONGODB_DATABASE: mongo.database('read_store_e2e') } : {};
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    AUTH_JWT_SECRET: TEST_SECRET,
    RATE_LIMIT_PER_MINUTE: '1000000',
    ...readStore,
    ...env,
  });
  const app = await createApp(config, appOptions);
  // Listening readies Fastify (its plugins: CORS, the /docs assets) as app.init() alone does not; supertest then uses the server as it is.
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
