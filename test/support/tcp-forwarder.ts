import { createConnection, createServer, Server, Socket } from 'node:net';

/**
 * A TCP forwarder on 127.0.0.1 that tests cut and restore to make a store
 * unreachable and bring it back on the same address, as a network failure would.
 */
export class TcpForwarder {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();

  constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  async open(): Promise<void> {
    const server = createServer((client) => {
      const upstream = createConnection(this.target);
      client.pipe(upstream).pipe(client);
      for (const [s, other] of [
        [client, upstream],
        [upstream, client],
      ]) {
        this.sockets.add(s);
        s.on('error', () => s.destroy()).on('close', () => {
          this.sockets.delete(s);
          other.destroy();
        });
      }
    });
    await new Promise<void>((done) => server.listen(this.port, '127.0.0.1', done));
    this.server = server;
  }

  /** Drops every connection and stops listening: the store is gone. */
  async cut(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    const server = this.server;
    this.server = null;
    if (server) await new Promise((done) => server.close(done));
  }
}
