// The simulators' own HTML pages (VIISP, the signing gateway): one shell, each with its header and
// styles. Lithuanian, as the real systems' pages are.

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A whole page: `system` and `note` head it; `css` adds the simulator's own rules to the common ones. */
export function simulatorPage(p: { title: string; system: string; note: string; headerColour: string; css: string; body: string }): string {
  return `<!doctype html>
<html lang="lt">
<head>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(p.title)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;background:#f3f5f7;color:#1b1f23}
header{background:${p.headerColour};color:#fff;padding:1rem 2rem}header p{margin:.25rem 0 0;opacity:.85}
${p.css}
</style>
</head>
<body>
<header><strong>${escapeHtml(p.system)}</strong><p>${escapeHtml(p.note)}</p></header>
<main>
${p.body}
</main>
</body>
</html>`;
}
