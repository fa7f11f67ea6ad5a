// Static assets from node_modules and web/static, read once at start-up (no CDN).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Hono } from 'hono';

const require = createRequire(import.meta.url);

const ASSETS: Record<string, { file: string; type: string }> = {
  'htmx.min.js': { file: require.resolve('htmx.org/dist/htmx.min.js'), type: 'text/javascript; charset=utf-8' },
  'pico.min.css': { file: require.resolve('@picocss/pico/css/pico.min.css'), type: 'text/css; charset=utf-8' },
  'app.css': { file: new URL('./static/app.css', import.meta.url).pathname, type: 'text/css; charset=utf-8' },
  'app.js': { file: new URL('./static/app.js', import.meta.url).pathname, type: 'text/javascript; charset=utf-8' },
};

export function staticRoutes(): Hono {
  const loaded = Object.fromEntries(Object.entries(ASSETS).map(([name, a]) => [name, { body: readFileSync(a.file), type: a.type }]));
  const app = new Hono();
  app.get('/static/:name', (c) => {
    const asset = loaded[c.req.param('name')];
    if (!asset) return c.notFound();
    return c.body(asset.body, 200, { 'Content-Type': asset.type, 'Cache-Control': 'public, max-age=3600' });
  });
  return app;
}
