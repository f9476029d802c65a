// Browser mode: the page is opened with its invitation as http://127.0.0.1:PORT/#token=T. A fragment
// is never sent to a server (nor written to its logs or a Referer), and no cookie is set: browsers
// send cookies to every port of a host. The token is kept in this tab's sessionStorage, taken out of
// the address bar (not bookmarked, screenshotted or copied along), and sent only as a bearer token.
const STORAGE_KEY = 'controlRoom.token';
const FRAGMENT = /^#token=([^&]*)(?:&(.*))?$/;

let token: string | null = null;

/** The token a `#token=T` fragment carries; the rest of the fragment (a route) is kept. */
function takeFromFragment(): string | null {
  const match = FRAGMENT.exec(window.location.hash);
  if (!match) return null;
  let found: string | null;
  try {
    found = decodeURIComponent(match[1] ?? '') || null;
  } catch {
    found = null; // malformed escapes: not a token
  }
  const rest = match[2] ? `#${match[2]}` : '';
  window.history.replaceState(
    window.history.state,
    '',
    window.location.pathname + window.location.search + rest,
  );
  return found;
}

function remember(value: string): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, value);
  } catch {
    // Storage disabled: keep the token in memory only.
  }
}

export function initAccessToken(): void {
  const fromUrl = takeFromFragment();
  if (fromUrl) {
    remember(fromUrl);
    token = fromUrl;
  } else {
    try {
      token = sessionStorage.getItem(STORAGE_KEY);
    } catch {
      token = null;
    }
  }
  // Another invitation opened in this tab (same page, new fragment): start again as that person.
  // popstate comes first for a fragment navigation, before any view can rewrite the hash.
  const onNavigate = (): void => {
    const next = takeFromFragment();
    if (next === null || next === token) return;
    remember(next);
    window.location.reload();
  };
  window.addEventListener('popstate', onNavigate);
  window.addEventListener('hashchange', onNavigate);
}

export function accessToken(): string | null {
  return token;
}
