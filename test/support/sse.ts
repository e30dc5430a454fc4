/** One server-sent event as a client sees it. */
export interface SseEvent {
  id?: string;
  event?: string;
  data: string;
}

export interface SseStream {
  status: number;
  headers: Headers;
  /** The JSON body when the answer is not a stream (a 400, 401 or 429). */
  problem?: any;
  /** Reads events until `done` says enough (given every event read so far on this stream); throws after `ms`. */
  until(done: (events: SseEvent[]) => boolean, ms?: number): Promise<SseEvent[]>;
  /** Every event read so far, and every comment line. */
  events: SseEvent[];
  comments: string[];
  close(): void;
}

/** Opens GET `url` as an event stream with Node's fetch and parses it as the SSE spec says (fields per line, a blank line ends an event). */
export async function openEventStream(url: string, headers: Record<string, string>): Promise<SseStream> {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { Accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const events: SseEvent[] = [];
  const comments: string[] = [];
  const close = () => abort.abort();
  if (!res.headers.get('content-type')?.startsWith('text/event-stream')) {
    return {
      status: res.status,
      headers: res.headers,
      problem: await res.json(),
      events,
      comments,
      close,
      until: () => Promise.reject(new Error('not a stream')),
    };
  }
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let current: Partial<SseEvent> & { lines: string[] } = { lines: [] };
  const parse = (chunk: string) => {
    buffer += chunk;
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline).replace(/\r$/, '');
      buffer = buffer.slice(newline + 1);
      if (line === '') {
        if (current.lines.length || current.id !== undefined)
          events.push({ id: current.id, event: current.event, data: current.lines.join('\n') });
        current = { lines: [] };
      } else if (line.startsWith(':')) comments.push(line.slice(1).trim());
      else {
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'id') current.id = value;
        else if (field === 'event') current.event = value;
        else if (field === 'data') current.lines.push(value);
      }
    }
  };
  let pending: ReturnType<typeof reader.read> | null = null;
  const until = async (done: (events: SseEvent[]) => boolean, ms = 15_000) => {
    const deadline = Date.now() + ms;
    while (!done(events)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`stream: condition not met; ${events.length} events read`);
      pending ??= reader.read();
      let timer: NodeJS.Timeout | undefined;
      const result = await Promise.race([pending, new Promise<'late'>((r) => (timer = setTimeout(() => r('late'), left)))]);
      clearTimeout(timer);
      if (result === 'late') continue;
      pending = null;
      if (result.done) throw new Error(`stream ended; ${events.length} events read`);
      parse(decoder.decode(result.value, { stream: true }));
    }
    return events;
  };
  return { status: res.status, headers: res.headers, events, comments, close, until };
}
