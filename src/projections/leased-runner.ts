import { checkpointKey, readPointer } from './generations';
import { Lease, LeaseOptions } from './lease';
import { Projection } from './projection';
import { ProjectionRunner, ProjectionStatus, RunnerView } from './projection-runner';
import { ReadStore } from '../infrastructure/read-store/read-store.port';

/**
 * A reactor that runs in one process only among replicas on one store: it follows
 * the log while this process holds the reactor's lease (lease.ts), and stands by
 * otherwise. Without it, two replicas would each dispatch the process manager's
 * commands and each enqueue the reminders (the events' ids would absorb the first,
 * but robots would post twice). A runner is made afresh at each take-over: it
 * resumes from the checkpoint the previous holder left.
 */
export class LeasedRunner implements RunnerView {
  private runner: ProjectionRunner | null = null;
  private last: ProjectionStatus | null = null;
  private readonly lease: Lease;

  constructor(
    readonly projection: Projection,
    private readonly reads: ReadStore,
    holder: string,
    options: LeaseOptions,
    private readonly makeRunner: () => ProjectionRunner,
  ) {
    this.lease = new Lease(reads, `reactor:${projection.name}`, holder, options, {
      onAcquired: () => this.run(),
      onLost: () => this.standBy(),
      onStandBy: () => this.followCheckpoint(),
    });
  }

  start(): void {
    this.lease.start();
  }

  async stop(): Promise<void> {
    await this.lease.stop();
    await this.standBy();
  }

  status(): ProjectionStatus {
    if (this.runner) return this.runner.status();
    return { ...(this.last ?? { projection: this.projection.name, generation: 0, checkpoint: null, rebuilding: false }), state: 'standby' };
  }

  collection(logical: string): string {
    if (!this.runner) throw new Error(`Reactor ${this.projection.name} is standing by: another process holds its lease`);
    return this.runner.collection(logical);
  }

  /**
   * While standing by, the checkpoint is the active instance's (read from the store at
   * each look), so /health and projection_lag_positions show the reactor's real lag on
   * every replica rather than the whole log behind a stand-by.
   */
  private async followCheckpoint(): Promise<void> {
    const pointer = await readPointer(this.reads, this.projection);
    if (!pointer) return;
    const checkpoint = await this.reads.getCheckpoint(checkpointKey(this.projection, pointer.generation));
    this.last = { projection: this.projection.name, state: 'standby', generation: pointer.generation, checkpoint, rebuilding: false };
  }

  private async run(): Promise<void> {
    const runner = this.makeRunner();
    try {
      await runner.start();
    } catch (error) {
      await runner.stop().catch(() => undefined);
      throw error;
    }
    this.runner = runner;
  }

  private async standBy(): Promise<void> {
    const runner = this.runner;
    this.runner = null;
    if (!runner) return;
    await runner.stop();
    this.last = runner.status();
  }
}
