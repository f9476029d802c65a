// Browser mode: the page is opened as http://127.0.0.1:PORT/?token=T. The token is read from the
// URL once, kept in sessionStorage and removed from the address bar (so it is not bookmarked,
// screenshotted or copied along with the URL).
const STORAGE_KEY = 'controlRoom.token';

let token: string | null = null;

export function initAccessToken(): void {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    try {
      sessionStorage.setItem(STORAGE_KEY, fromUrl);
    } catch {
      // Storage disabled: keep the token in memory only.
    }
    token = fromUrl;
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    return;
  }
  try {
    token = sessionStorage.getItem(STORAGE_KEY);
  } catch {
    token = null;
  }
}

export function accessToken(): string | null {
  return token;
}
