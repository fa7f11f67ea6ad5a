// A TCP proxy a test can cut: the app's database client talks to Postgres through it, so a test
// can make Postgres "go away" for that client only (connections reset, new ones refused) without
// stopping the Postgres server other test runs share.
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  /** The port the proxy listens on (127.0.0.1), the same before and after a cut. */
  readonly port: number;
  /** Resets every open connection and stops listening: new connections are refused. */
  cut(): Promise<void>;
  /** Listens again on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  /** Each client connection with its upstream one. */
  const pairs = new Set<{ client: Socket; upstream: Socket }>();
  let server: Server | null = null;
  let port = 0;

  async function listen(): Promise<void> {
    const s = createServer((client) => {
      const upstream = connect(target.port, target.host);
      const pair = { client, upstream };
      pairs.add(pair);
      for (const socket of [client, upstream]) socket.on('error', () => undefined);
      client.pipe(upstream).pipe(client);
      client.on('close', () => {
        upstream.destroy();
        pairs.delete(pair);
      });
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => resolve());
    });
    const address = s.address();
    if (address === null || typeof address === 'string') throw new Error('proxy has no port');
    port = address.port;
    server = s;
  }

  /**
   * Closes every connection the way a stopping Postgres does (FIN), and waits until each client
   * has closed its end too, so the client has seen the connection go before the test goes on.
   */
  async function cut(): Promise<void> {
    const s = server;
    server = null;
    const closing = [...pairs].map(
      ({ client, upstream }) =>
        new Promise<void>((resolve) => {
          if (client.destroyed) return resolve();
          const timer = setTimeout(() => client.destroy(), 2_000);
          client.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
          upstream.unpipe(client);
          upstream.destroy();
          client.end();
        }),
    );
    await Promise.all(closing);
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  await listen();
  return {
    get port() {
      return port;
    },
    cut,
    restore: () => (server ? Promise.resolve() : listen()),
    close: cut,
  };
}

/** The same database URL, through the proxy. */
export function proxiedUrl(databaseUrl: string, proxy: TcpProxy): string {
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String(proxy.port);
  return url.toString();
}

/** Where a database URL points, for the proxy's target. */
export function databaseAddress(databaseUrl: string): { host: string; port: number } {
  const url = new URL(databaseUrl);
  return { host: url.hostname, port: Number(url.port || 5432) };
}
