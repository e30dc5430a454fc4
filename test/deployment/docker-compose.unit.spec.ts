/**
 * The production stack's docker-compose.yml against the Compose Specification's JSON
 * schema (vendored: test/fixtures/compose-spec/README.md). There is no Docker engine in
 * CI to `docker compose config` it; the schema catches what a reader of the file would
 * not: a misspelt key, a value of the wrong type, a depends_on condition Compose does not know.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { load } from 'js-yaml';

const ROOT = join(__dirname, '..', '..');
const schema = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'compose-spec', 'compose-spec.json'), 'utf8')) as object;

interface ComposeFile {
  services: Record<
    string,
    { image?: string; depends_on?: Record<string, unknown>; volumes?: string[]; environment?: Record<string, string> }
  >;
  volumes?: Record<string, unknown>;
}

/** Draft-07; `deprecated` (a later draft's annotation) is allowed, the `$schema` URL is the spec's own. */
function validator() {
  const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false });
  return ajv.compile(schema);
}

const composeFile = () => load(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8')) as ComposeFile;

describe('docker-compose.yml', () => {
  it('is valid against the Compose Specification schema', () => {
    const validate = validator();
    const valid = validate(composeFile());
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('would be refused with a misspelt key or a depends_on condition Compose does not know (the schema is in force)', () => {
    const validate = validator();
    const misspelt = composeFile();
    (misspelt.services.app as Record<string, unknown>).healthchek = { test: ['CMD', 'true'] };
    expect(validate(misspelt)).toBe(false);

    const condition = composeFile();
    condition.services.app.depends_on = { kurrentdb: { condition: 'service_ready' } };
    expect(validate(condition)).toBe(false);
  });

  it('names only services and volumes it defines, and pins every image to a version', () => {
    const file = composeFile();
    const services = Object.keys(file.services);
    for (const [name, service] of Object.entries(file.services)) {
      for (const dependency of Object.keys(service.depends_on ?? {})) expect(services).toContain(dependency);
      for (const mount of service.volumes ?? []) expect(Object.keys(file.volumes ?? {})).toContain(mount.split(':')[0]);
      if (service.image) expect({ name, image: service.image }).toEqual({ name, image: expect.stringMatching(/:\d+(\.\d+)+$/) });
    }
    const host = /^esdb:\/\/([^:/]+):/.exec(file.services.app.environment?.EVENTSTORE_CONNECTION_STRING ?? '')?.[1];
    expect(services).toContain(host);
  });
});
