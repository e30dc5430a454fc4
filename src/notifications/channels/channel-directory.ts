import { ReadStore } from '../../infrastructure/read-store/read-store.port';
import { ChannelConfig } from './channel';

/**
 * The channels in force, as the notification_channels projection keeps them. The
 * dispatcher reads them at most once per `ttlMs`: a change reaches delivery within
 * that (and the projection's lag).
 */
export class ChannelDirectory {
  private cached: { at: number; channels: ChannelConfig[] } | null = null;

  constructor(
    private readonly reads: ReadStore,
    /** The projection's physical collection now (it changes with a rebuild). */
    private readonly collection: () => string,
    private readonly ttlMs = 500,
  ) {}

  async all(): Promise<ChannelConfig[]> {
    if (this.cached && Date.now() - this.cached.at < this.ttlMs) return this.cached.channels;
    const channels = await this.reads.find<ChannelConfig & Record<string, unknown>>(this.collection(), { sort: { id: 1 } });
    this.cached = { at: Date.now(), channels };
    return channels;
  }

  async get(id: string): Promise<ChannelConfig | null> {
    return (await this.all()).find((c) => c.id === id) ?? null;
  }
}
