// ŠMIR simulator: the registry's look-ups as JSON over plain node:http.
//   GET /institutions/:code          → 200 SmirInstitution | 404
//   GET /free-teachers/:personalCode → 200 SmirFreeTeacher | 404
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMIR_FREE_TEACHERS, SMIR_INSTITUTIONS } from './smir-data.ts';

export interface SmirSimulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
}

export interface SmirSimulator {
  url: string;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}

function handle(req: IncomingMessage, res: ServerResponse): void {
  const path = new URL(req.url ?? '/', 'http://smir.invalid').pathname;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, 405, { error: 'method_not_allowed' });
    return;
  }
  let match = /^\/institutions\/([^/]+)$/.exec(path);
  if (match) {
    const code = decodeURIComponent(match[1] ?? '');
    const found = SMIR_INSTITUTIONS.find((i) => i.code === code);
    if (found) send(res, 200, found);
    else send(res, 404, { error: 'not_found', message: `Juridinio asmens kodu ${code} ŠMIR institucija neregistruota` });
    return;
  }
  match = /^\/free-teachers\/([^/]+)$/.exec(path);
  if (match) {
    const personalCode = decodeURIComponent(match[1] ?? '');
    const found = SMIR_FREE_TEACHERS.find((t) => t.personalCode === personalCode);
    if (found) send(res, 200, found);
    else send(res, 404, { error: 'not_found', message: 'Laisvasis mokytojas ŠMIR neregistruotas' });
    return;
  }
  send(res, 404, { error: 'not_found' });
}

export async function startSmirSimulator(opts: SmirSimulatorOptions = {}): Promise<SmirSimulator> {
  const host = opts.host ?? '127.0.0.1';
  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch {
      send(res, 400, { error: 'bad_request' });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
