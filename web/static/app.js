// One-time notices travel in the URL (?pranesimas=…) after a redirect; once shown, drop them from
// the address bar so that a reload or a bookmark does not show them again.
(() => {
  const url = new URL(window.location.href);
  if (!url.searchParams.has('pranesimas')) return;
  for (const key of ['pranesimas', 'naudotojas', 'lektorius', 'vieta', 'darbdavys']) url.searchParams.delete(key);
  window.history.replaceState(window.history.state, '', url);
})();

// Row menus ("Meniu", <details class="dropdown">): one open at a time, closed by a click elsewhere, by
// choosing one of its items (a download leaves the page as it was) or by Escape — an open menu would
// otherwise cover the rows below it.
(() => {
  const openMenus = () => document.querySelectorAll('details.dropdown[open]');
  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const inside = target?.closest('details.dropdown') ?? null;
    const chosen = inside !== null && target?.closest('a, button') !== null;
    for (const menu of openMenus()) if (menu !== inside || chosen) menu.removeAttribute('open');
  });
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    for (const menu of openMenus()) {
      menu.removeAttribute('open');
      menu.querySelector('summary')?.focus();
    }
  });
})();
