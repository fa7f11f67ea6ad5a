// Requests Node's HTTP parser refuses before the app sees them (an over-long URL or header: 431; a
// malformed request: 400). Node answers them with an empty body; these get a short Lithuanian page.
import type { Duplex } from 'node:stream';

function page(title: string, text: string): string {
  return `<!doctype html><html lang="lt"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${text}</p></body></html>`;
}

const TOO_LARGE = page('Per ilga užklausa', 'Užklausos adresas arba antraštės per ilgos. Grįžkite atgal ir bandykite dar kartą.');
const BAD_REQUEST = page('Neteisinga užklausa', 'Užklausa neteisinga: atnaujinkite puslapį ir bandykite dar kartą.');

function answer(socket: Duplex, status: string, body: string): void {
  const bytes = Buffer.byteLength(body);
  socket.end(
    `HTTP/1.1 ${status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: ${bytes}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** Answers the parser's refusals with a Lithuanian body instead of Node's empty one. */
export function answerClientErrors(server: {
  on(event: 'clientError', listener: (err: NodeJS.ErrnoException, socket: Duplex) => void): unknown;
}): void {
  server.on('clientError', (err, socket) => {
    // A connection reset or already answered: nothing to say on it.
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    if (err.code === 'HPE_HEADER_OVERFLOW') answer(socket, '431 Request Header Fields Too Large', TOO_LARGE);
    else answer(socket, '400 Bad Request', BAD_REQUEST);
  });
}
