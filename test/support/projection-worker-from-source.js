// Runs the projection worker from its TypeScript source (tests have no compiled build).
const { join } = require('node:path');
require('ts-node').register({ transpileOnly: true, project: join(__dirname, '..', '..', 'tsconfig.json') });
require('../../src/app.projection-worker.ts');
