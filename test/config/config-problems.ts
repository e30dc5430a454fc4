import { ConfigError, loadConfig } from '../../src/config/config';

/** What start-up says of these variables: each problem naming its variable, or none when the configuration loads. */
export function configProblems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

/** The variables with a local token secret, so that only the ones under test can be wrong. */
export const withSecret = (env: Record<string, string>): Record<string, string> => ({ AUTH_JWT_SECRET: 'x'.repeat(32), ...env });
