// One-time notices travel in the URL (?pranesimas=…) after a redirect; once shown, drop them from
// the address bar so that a reload or a bookmark does not show them again.
(() => {
  const url = new URL(window.location.href);
  if (!url.searchParams.has('pranesimas')) return;
  for (const key of ['pranesimas', 'naudotojas', 'lektorius', 'vieta', 'darbdavys']) url.searchParams.delete(key);
  window.history.replaceState(window.history.state, '', url);
})();
