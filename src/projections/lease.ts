import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { ReadStore } from '../infrastructure/read-store/read-store.port';

/** The read store's collection of leases: one document per thing that must run once (a reactor, the dispatcher). */
export const LEASES = 'leases';

interface LeaseDocument {
  id: string;
  holder: string;
  /** Wall-clock expiry (ISO, UTC): a lease is about a process being alive, not about business time. */
  expiresAt: string;
  version: number;
  [field: string]: unknown;
}

export interface LeaseOptions {
  /** How long a lease holds without renewal: after it, another process takes over. */
  ttlMs: number;
  /** How often the holder renews and a stand-by looks (well under ttlMs). */
  renewMs: number;
  /** Wall clock, for tests. */
  now?: () => number;
}

/** A lease of `ttlMs` (LEASE_TTL_MS), renewed three times within it. */
export const leaseOptions = (ttlMs: number): LeaseOptions => ({ ttlMs, renewMs: Math.max(50, Math.floor(ttlMs / 3)) });

/** This process's name as a lease holder: host, pid and a random part (a restarted process with the same pid is another holder). */
export const processHolderId = (): string => `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/**
 * One active instance among replicas (docs/DESIGN.md, "Scale beyond one machine"):
 * a document in the read store with the holder's id and an expiry. The holder renews
 * it every `renewMs`; the others look as often and take it over once it expired (the
 * holder died, or cannot reach the store). Taking and renewing are compare-and-sets
 * on the document's version (ReadStore.replaceIf), so two processes never both win
 * the same version. A holder that fails to renew in time stops its work itself
 * (`onLost`) before another may take over: it stops when its own expiry passes.
 *
 * At-least-once, not exactly-once: work in flight when a holder dies is done again by
 * the next one; what the lease prevents is two instances working side by side.
 */
export class Lease {
  private timer: NodeJS.Timeout | null = null;
  private heldUntil = 0;
  private held = false;
  private stopped = false;
  private ticking: Promise<void> = Promise.resolve();

  constructor(
    private readonly reads: ReadStore,
    readonly name: string,
    readonly holder: string,
    private readonly options: LeaseOptions,
    private readonly callbacks: {
      onAcquired: () => Promise<void> | void;
      onLost: () => Promise<void> | void;
      /** At each look while another process holds the lease. */
      onStandBy?: () => Promise<void> | void;
    },
  ) {}

  get isHeld(): boolean {
    return this.held;
  }

  start(): void {
    this.schedule(0);
  }

  /** Stops renewing and gives the lease up (expiry now), so a stand-by takes over at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.ticking;
    if (this.held) {
      this.held = false;
      await this.callbacks.onLost();
      const current = await this.reads.get<LeaseDocument>(LEASES, this.name).catch(() => null);
      if (current?.holder === this.holder) {
        const released = { ...current, expiresAt: new Date(0).toISOString(), version: current.version + 1 };
        await this.reads.replaceIf(LEASES, released, { holder: this.holder, version: current.version }).catch(() => false);
      }
    }
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.ticking = this.tick().finally(() => this.schedule(this.options.renewMs));
    }, ms);
    this.timer.unref?.();
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private async tick(): Promise<void> {
    let holds: boolean;
    try {
      holds = await this.acquireOrRenew();
    } catch {
      // The store is unreachable: we hold only until our own expiry.
      holds = this.held && this.now() < this.heldUntil;
    }
    if (this.stopped) return;
    if (holds && !this.held) {
      this.held = true;
      // Work that failed to start is started again at the next look (the lease is still ours, renewed).
      await Promise.resolve(this.callbacks.onAcquired()).catch(() => void (this.held = false));
    } else if (!holds && this.held) {
      this.held = false;
      await Promise.resolve(this.callbacks.onLost()).catch(() => undefined);
    }
    if (!this.held) await Promise.resolve(this.callbacks.onStandBy?.()).catch(() => undefined);
  }

  private async acquireOrRenew(): Promise<boolean> {
    const now = this.now();
    const expiresAt = new Date(now + this.options.ttlMs).toISOString();
    const fresh: LeaseDocument = { id: this.name, holder: this.holder, expiresAt, version: 1 };
    if (await this.reads.insertIfAbsent(LEASES, fresh)) return this.confirm(now);
    const current = await this.reads.get<LeaseDocument>(LEASES, this.name);
    if (!current) return false;
    const mine = current.holder === this.holder;
    if (!mine && current.expiresAt >= new Date(now).toISOString()) return false;
    const next = { ...fresh, version: current.version + 1 };
    if (!(await this.reads.replaceIf(LEASES, next, { holder: current.holder, version: current.version }))) return false;
    return this.confirm(now);
  }

  /**
   * Reads the lease back: on a store whose compare-and-set is a read then a write
   * (FerretDB 1.x), two racing takers may both be told they won; the later write is
   * the one that stays, and only its holder goes on.
   */
  private async confirm(now: number): Promise<boolean> {
    const stored = await this.reads.get<LeaseDocument>(LEASES, this.name);
    if (stored?.holder !== this.holder) return false;
    this.heldUntil = now + this.options.ttlMs;
    return true;
  }
}
