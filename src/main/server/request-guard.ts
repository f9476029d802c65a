// Browser-mode request checks that come before any token: exactly one Host header naming this
// server, a request-target naming no other server, and a same-origin Origin when one is sent.
// Against DNS rebinding, other local pages (CSRF) and proxy-style smuggling. Every function here is
// total: whatever bytes a client sends give a verdict, never an exception.

export interface HostRules {
  port: number;
  /** Host names (without port, IPv6 in brackets, lower case) this server answers to. */
  hostNames: readonly string[];
}

export interface RequestFacts {
  /** Every Host header as received (Node keeps only the first in `headers`). */
  hosts: readonly string[];
  /** The request-target as received, before any rewriting. */
  target: string;
  /** Every Origin header as received. */
  origins: readonly string[];
}

export type GuardVerdict = { ok: true } | { ok: false; status: 400 | 403; message: string };

/** `host:port` forms this server answers to; a browser leaves out the default port 80. */
function authorities(rules: HostRules): Set<string> {
  const names = rules.hostNames.map((h) => h.toLowerCase());
  return new Set([...names.map((h) => `${h}:${rules.port}`), ...(rules.port === 80 ? names : [])]);
}

type Target = { form: 'origin' } | { form: 'absolute'; authority: string } | { form: 'unusable' };

/** RFC 9112 section 3.2: origin-form (`/path`), absolute-form (`http://host/path`) or something else. */
function targetForm(target: string): Target {
  if (target.startsWith('/')) return { form: 'origin' };
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return { form: 'unusable' };
  }
  return ['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol) && url.host !== ''
    ? { form: 'absolute', authority: url.host.toLowerCase() }
    : { form: 'unusable' };
}

/** The origin-form of a target, for routing: absolute-form loses its authority (checked apart). */
export function originForm(target: string): string {
  if (target.startsWith('/')) return target;
  try {
    const url = new URL(target);
    return `${url.pathname}${url.search}`;
  } catch {
    return '/';
  }
}

export function checkRequest(rules: HostRules, req: RequestFacts): GuardVerdict {
  if (req.hosts.length !== 1)
    return {
      ok: false,
      status: 400,
      message: `A request needs exactly one Host header; this one has ${req.hosts.length}`,
    };
  const allowed = authorities(rules);
  const host = (req.hosts[0] ?? '').trim().toLowerCase();
  if (!allowed.has(host)) return { ok: false, status: 403, message: `Host "${host}" is not served here` };
  const target = targetForm(req.target);
  if (target.form === 'unusable')
    return { ok: false, status: 400, message: 'The request-target must be a path, e.g. /api/fleet.list' };
  if (target.form === 'absolute' && !allowed.has(target.authority))
    return {
      ok: false,
      status: 400,
      message: `The request-target names another server ("${target.authority}"); this is not a proxy`,
    };
  if (req.origins.length > 1)
    return { ok: false, status: 403, message: 'A request may carry one Origin header, not several' };
  const origin = req.origins[0];
  if (origin === undefined) return { ok: true };
  const scheme = 'http://';
  const o = origin.trim().toLowerCase();
  return o.startsWith(scheme) && allowed.has(o.slice(scheme.length))
    ? { ok: true }
    : { ok: false, status: 403, message: `Origin "${origin}" may not call this server` };
}

/** The values of one header in Node's rawHeaders (name, value, name, value, ...), duplicates kept. */
export function headerValues(rawHeaders: readonly string[], name: string): string[] {
  const values: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2)
    if (rawHeaders[i]?.toLowerCase() === name) values.push(rawHeaders[i + 1] ?? '');
  return values;
}

/** The token of an `Authorization: Bearer <token>` header (RFC 6750 section 2.1), or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  return /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i.exec(header ?? '')?.[1];
}
