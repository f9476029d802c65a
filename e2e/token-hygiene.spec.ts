// Browser mode's token stays where it belongs: another program listening on another loopback port
// gets nothing from this browser that carries it (no cookie, no header, no URL), and no URL the page
// requests holds it, the change stream's included.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures';

interface Arrival {
  url: string;
  headers: IncomingHttpHeaders;
}

test('after opening the operator URL, nothing the browser sends elsewhere or requests carries the token', async ({
  page,
  server,
}) => {
  const token = server?.token ?? '';
  expect(token).toMatch(/^[\w-]{32}$/);
  // Another local program on another port of the same host, as any other listener would be.
  const arrivals: Arrival[] = [];
  const other = createServer((req, res) => {
    arrivals.push({ url: req.url ?? '', headers: req.headers });
    res.setHeader('access-control-allow-origin', '*');
    res.end('<!doctype html><title>another local service</title>');
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  const otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}/`;
  try {
    // A fresh tab of the same browser, recorded from its first request.
    const tab = await page.context().newPage();
    const requested: string[] = [];
    const printed: string[] = [];
    tab.on('request', (r) => requested.push(r.url()));
    tab.on('websocket', (ws) => requested.push(ws.url()));
    tab.on('console', (m) => printed.push(m.text()));
    await tab.goto(server?.url ?? '');
    await expect(tab.getByTestId('fleet-row-simulator/checkout-prod-eu')).toBeVisible();
    await expect(tab.getByTestId('live-indicator')).toHaveText(/Live/);
    expect(tab.url()).not.toContain(token);
    await expect(tab.getByTestId('session-actor')).toContainText('e2e-operator');

    // The page asks for the other port: a fetch (the page's CSP stops it leaving) and a window it opens.
    await tab.evaluate((url) => fetch(url, { credentials: 'include' }).catch(() => undefined), otherUrl);
    const [popup] = await Promise.all([
      tab.waitForEvent('popup'),
      tab.evaluate((url) => {
        // The page's own window.open (e2e is typed for Node, hence the cast).
        (globalThis as unknown as { open(url: string): unknown }).open(`${url}opened-by-the-control-room`);
      }, otherUrl),
    ]);
    await popup.waitForLoadState();
    // And the person types the other port's address into another tab of the same browser.
    const typed = await page.context().newPage();
    await typed.goto(`${otherUrl}typed`);

    expect(arrivals.map((a) => a.url)).toEqual(
      expect.arrayContaining(['/opened-by-the-control-room', '/typed']),
    );
    for (const arrival of arrivals) {
      expect(arrival.headers.authorization, arrival.url).toBeUndefined();
      expect(arrival.headers.cookie ?? '', arrival.url).not.toContain(token);
      expect(arrival.headers.cookie ?? '', arrival.url).not.toMatch(/control_room/);
      expect(JSON.stringify(arrival), arrival.url).not.toContain(token);
    }
    // No cookie at all: browsers send cookies to every port of a host.
    expect(await page.context().cookies()).toEqual([]);

    // Every URL the control-room tab asked for, the WebSocket's too, is free of the token.
    expect(requested.some((u) => u.includes('/api/fleet.list'))).toBe(true);
    expect(requested.some((u) => u.startsWith('ws://') && u.includes('/api/events'))).toBe(true);
    for (const url of requested) expect(url).not.toContain(token);
    for (const line of printed) expect(line).not.toContain(token);
  } finally {
    other.closeAllConnections();
    await new Promise((resolve) => other.close(resolve));
  }
});
