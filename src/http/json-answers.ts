/** The content type Fastify gives an object it serialises; a route answering JsonAnswers' bytes declares it (@Header). */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

interface Kept {
  version: string;
  bytes: Buffer;
}

/**
 * Answers serialised once and sent as the same bytes for as long as what they were
 * made from is unchanged. A case view or a timeline page is read far more often than
 * it changes (a board refreshing, an investigator paging back and forth); parsing the
 * stored document, building the answer and serialising it again was more than half
 * of such a read's CPU.
 *
 * The caller names the answer (`key`: the route and everything the answer depends
 * on) and gives its `version`, read BEFORE the answer is made: a read model's
 * position (ReadStore.positionOf) with what else the answer depends on, such as the
 * business day. An answer made after the version was read is at least as new as it,
 * and anything that changes it moves the version on, so a kept answer is never older
 * than the version it is kept under. Null: not to be kept (no reliable version).
 *
 * Bounded in bytes (KEPT_ANSWERS_MIB): the answers kept longest are dropped first,
 * which only costs making them again; 0 keeps none.
 */
export class JsonAnswers {
  private readonly kept = new Map<string, Kept>();
  private keptBytes = 0;

  constructor(private readonly budgetBytes: number) {}

  async answer(key: string, version: string | null, make: () => Promise<unknown>): Promise<Buffer> {
    if (version !== null) {
      const kept = this.kept.get(key);
      if (kept?.version === version) return kept.bytes;
    }
    // What Fastify would send for the object: its default serialiser is JSON.stringify.
    const bytes = Buffer.from(JSON.stringify(await make()));
    if (version !== null) this.keep(key, { version, bytes });
    return bytes;
  }

  private keep(key: string, answer: Kept): void {
    this.forget(key);
    if (answer.bytes.length > this.budgetBytes) return;
    this.kept.set(key, answer);
    this.keptBytes += answer.bytes.length;
    for (const oldest of this.kept.keys()) {
      if (this.keptBytes <= this.budgetBytes) break;
      this.forget(oldest);
    }
  }

  private forget(key: string): void {
    const kept = this.kept.get(key);
    if (!kept) return;
    this.kept.delete(key);
    this.keptBytes -= kept.bytes.length;
  }
}
