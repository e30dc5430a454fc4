/** Probes until `done` holds (a probe that throws counts as not yet), or fails after `ms` naming `what` and the last value. */
export async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, what: string, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => undefined as T);
    if (value !== undefined && done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not reached; last ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
