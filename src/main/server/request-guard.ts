// Browser-mode access control: Host and Origin checks against DNS rebinding and cross-site requests,
// then a token on every request (header, cookie or ?token=). Roles come from which token matched.
import { timingSafeEqual } from 'node:crypto';

export type Role = 'operator' | 'observer';

export interface GuardConfig {
  port: number;
  /** Host names (without port) this server answers to. */
  allowedHostNames: string[];
  tokens: { token: string; role: Role }[];
}

export interface RequestFacts {
  host: string | undefined;
  origin: string | undefined;
  authorization: string | undefined;
  cookie: string | undefined;
  queryToken: string | undefined;
}

export type GuardVerdict =
  | { ok: true; role: Role; token: string; viaQuery: boolean }
  | { ok: false; status: 401 | 403; message: string };

export const cookieName = (port: number): string => `control_room_token_${port}`;

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

export function checkRequest(config: GuardConfig, req: RequestFacts): GuardVerdict {
  const allowedHosts = new Set(config.allowedHostNames.map((h) => `${h}:${config.port}`));
  if (!req.host || !allowedHosts.has(req.host.toLowerCase()))
    return { ok: false, status: 403, message: `Host "${req.host ?? ''}" is not served here` };
  if (req.origin !== undefined) {
    const allowedOrigins = [...allowedHosts].map((h) => `http://${h}`);
    if (!allowedOrigins.includes(req.origin.toLowerCase()))
      return { ok: false, status: 403, message: `Origin "${req.origin}" may not call this server` };
  }
  const bearer = req.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  const candidates: [string | undefined, boolean][] = [
    [bearer, false],
    [req.queryToken, true],
    [readCookie(req.cookie, cookieName(config.port)), false],
  ];
  for (const [candidate, viaQuery] of candidates) {
    if (candidate === undefined) continue;
    const match = config.tokens.find((t) => sameSecret(t.token, candidate));
    if (match) return { ok: true, role: match.role, token: match.token, viaQuery };
  }
  return {
    ok: false,
    status: 401,
    message: 'A valid access token is required: open the URL that `control-room serve` printed',
  };
}
