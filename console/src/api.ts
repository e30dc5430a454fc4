import { forgetToken } from './session';

/** A refusal or error as the service states it (docs/API.md, Errors): the code and message are shown as they come. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly missing: string[] = [],
    readonly errors: Array<{ field: string; message: string }> = [],
  ) {
    super(message);
  }
}

type Query = Record<string, string | number | boolean | undefined | null>;

export const withQuery = (path: string, query: Query = {}): string => {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
};

/** Called when the service answers 401: the token expired or was revoked, so the console signs out. */
let onUnauthorized: () => void = () => undefined;
export const whenUnauthorized = (handler: () => void): void => {
  onUnauthorized = handler;
};

async function failure(response: Response): Promise<ApiError> {
  const body = await response.json().catch(() => ({}) as Record<string, unknown>);
  if (response.status === 401) {
    forgetToken();
    onUnauthorized();
  }
  return new ApiError(
    response.status,
    typeof body.code === 'string' ? body.code : `HTTP_${response.status}`,
    typeof body.message === 'string' ? body.message : response.statusText,
    Array.isArray(body.missing) ? body.missing : [],
    Array.isArray(body.errors) ? body.errors : [],
  );
}

/**
 * The public API with the signed-in caller's token, and nothing else: the console has no
 * route of its own. `minPosition` is the position a command answered, so that a read right
 * after it sees it (X-Min-Position, read-your-writes).
 */
export class Api {
  private minPosition: string | null = null;

  constructor(private readonly token: string) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const headers: Record<string, string> = { Authorization: `Bearer ${this.token}`, ...extra };
    if (this.minPosition) headers['X-Min-Position'] = this.minPosition;
    return headers;
  }

  async get<T>(path: string, query?: Query): Promise<T> {
    const response = await fetch(withQuery(path, query), { headers: this.headers({ Accept: 'application/json' }) });
    if (!response.ok) throw await failure(response);
    return (await response.json()) as T;
  }

  async post<T>(path: string, body: unknown): Promise<T> {
    const response = await fetch(path, {
      method: 'POST',
      headers: this.headers({ 'Content-Type': 'application/json', Accept: 'application/json' }),
      body: JSON.stringify(body),
    });
    if (!response.ok) throw await failure(response);
    const answer = (await response.json()) as T & { position?: string };
    if (typeof answer.position === 'string') this.minPosition = answer.position;
    return answer;
  }

  /** A file the API answers (CSV, an evidence package), saved under the name the service gives or `fallbackName`. */
  async download(path: string, accept: string, fallbackName: string, query?: Query): Promise<void> {
    const response = await fetch(withQuery(path, query), { headers: this.headers({ Accept: accept }) });
    if (!response.ok) throw await failure(response);
    const disposition = response.headers.get('Content-Disposition') ?? '';
    const named = /filename="?([^";]+)"?/.exec(disposition)?.[1];
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = named ?? fallbackName;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
