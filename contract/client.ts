import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './schema';

/** The service's API, typed from contract/openapi.json: paths, parameters, bodies and answers (errors included). */
export type LedgerClient = Client<paths>;

/** The one error shape (docs/API.md, Errors): `code` says which rule refused. */
export type Problem = components['schemas']['Problem'];

/**
 * A client for the service at `baseUrl` (e.g. https://ledger.example.com), sending `token` as the
 * bearer on every request. openapi-fetch answers `{ data }` for a 2xx and `{ error }` (a Problem)
 * otherwise, each typed from the document, with the raw `response` beside them.
 */
export function createLedgerClient(baseUrl: string, token: string): LedgerClient {
  return createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${token}` } });
}
