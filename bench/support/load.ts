import autocannon from 'autocannon';

export interface Call {
  method: 'GET' | 'POST';
  path: string;
  auth: string;
  body?: unknown;
  /** Sent as the Idempotency-Key header: the command is written once however often it is sent. */
  idempotencyKey?: string;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  perSecond: number;
  /** Milliseconds, of 2xx answers (autocannon's histogram has 1 ms resolution). */
  p50: number;
  p99: number;
  /** Non-2xx answers and connection errors (timeouts included). */
  errors: number;
  statusCodes: Record<string, number>;
  /** The first non-2xx answer, to say what went wrong. */
  firstError?: string;
}

/**
 * Drives the service with autocannon; `next(i)` gives the i-th request, so each
 * request can carry its own employee, month or case (autocannon asks for them
 * in the order it sends them).
 */
export async function drive(
  url: string,
  options: {
    connections: number;
    amount?: number;
    seconds?: number;
    next: (i: number) => Call;
    onAnswer?: (status: number, body: string) => void;
  },
): Promise<LoadResult> {
  let sent = 0;
  let firstError: string | undefined;
  const started = performance.now();
  let lastAnswer = started;
  const result = await autocannon({
    url,
    connections: options.connections,
    ...(options.amount !== undefined ? { amount: options.amount } : { duration: options.seconds }),
    timeout: 30,
    requests: [
      {
        setupRequest: (request) => {
          const call = options.next(sent++);
          return {
            ...request,
            method: call.method,
            path: call.path,
            headers: {
              authorization: call.auth,
              ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
              ...(call.idempotencyKey === undefined ? {} : { 'idempotency-key': call.idempotencyKey }),
            },
            body: call.body === undefined ? undefined : JSON.stringify(call.body),
          };
        },
        onResponse: (status, body) => {
          lastAnswer = performance.now();
          options.onAnswer?.(status, body);
          if ((status < 200 || status > 299) && firstError === undefined) firstError = `${status} ${body.slice(0, 300)}`;
        },
      },
    ],
  });
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count ?? 0]));
  const requests = result['2xx'] + result.non2xx;
  // autocannon notices that `amount` is reached on its next 1 s sample: its duration then ends on a whole
  // second, up to a second after the last answer (a run of 8.2 s of steps read as 9.0). Until the last answer.
  const seconds = options.amount !== undefined ? (lastAnswer - started) / 1000 : result.duration;
  return {
    requests,
    seconds,
    perSecond: result['2xx'] / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors,
    statusCodes,
    firstError,
  };
}

/** Seeding: every request must succeed, or the benchmark would measure refusals. */
export async function seed(
  url: string,
  label: string,
  amount: number,
  next: (i: number) => Call,
  onAnswer?: (status: number, body: string) => void,
): Promise<void> {
  if (amount === 0) return;
  const result = await drive(url, { connections: Math.min(16, amount), amount, next, onAnswer });
  if (result.errors > 0) throw new Error(`seeding ${label}: ${result.errors} of ${amount} requests failed, first: ${result.firstError}`);
}
