// What HAProxy says its servers are doing, from `show servers state` (weights, admin and operational
// state) and `show stat` (sessions, load-balanced totals, check status, each backend's algorithm).
// Read back after every write and on a timer: the control room believes HAProxy, not its own intent.

export interface LiveServer {
  name: string;
  address: string;
  port: string;
  /** The runtime weight (`set weight` changes it) and the config's (a reload restores it). */
  weight: number;
  initialWeight: number;
  /** Operational state 2 (running): its health check passes, or it has none. */
  up: boolean;
  maint: boolean;
  drain: boolean;
  /** Current sessions and sessions load-balanced to it since start. */
  scur: number;
  lbtot: number;
  status: string;
}

export interface LiveBackend {
  name: string;
  /** The `balance` algorithm, as `show stat` names it (roundrobin, static-rr, source, …). */
  algo: string;
  servers: Map<string, LiveServer>;
}

// srv_admin_state bits (server.h): forced/inherited/resolution maintenance, forced/inherited drain.
const MAINT_BITS = 0x01 | 0x02 | 0x04 | 0x20;
const DRAIN_BITS = 0x08 | 0x10;
const RUNNING = 2;

function columns(header: string | undefined, separator: RegExp): string[] {
  if (!header?.startsWith('#')) throw new Error(`HAProxy reply has no header line: ${header ?? '(empty)'}`);
  return header.slice(1).trim().split(separator);
}

function rows(text: string, separator: RegExp, from: number): Record<string, string>[] {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const names = columns(lines[from], separator);
  return lines.slice(from + 1).map((line) => {
    const cells = line.trim().split(separator);
    return Object.fromEntries(names.map((n, i) => [n, cells[i] ?? '']));
  });
}

/** Both replies as one picture of every backend. */
export function parseLiveState(serversState: string, stat: string): Map<string, LiveBackend> {
  const backends = new Map<string, LiveBackend>();
  const counters = new Map<string, Record<string, string>>();
  for (const row of rows(stat, /,/, 0)) {
    const px = row.pxname ?? '';
    if (row.svname === 'BACKEND') backends.set(px, { name: px, algo: row.algo ?? '', servers: new Map() });
    else counters.set(`${px}/${row.svname ?? ''}`, row);
  }
  // `show servers state` starts with its format version on a line of its own.
  for (const row of rows(serversState, / +/, 1)) {
    const backend = backends.get(row.be_name ?? '');
    if (!backend) continue;
    const name = row.srv_name ?? '';
    const admin = Number(row.srv_admin_state);
    const c = counters.get(`${backend.name}/${name}`) ?? {};
    backend.servers.set(name, {
      name,
      address: row.srv_addr ?? '',
      port: row.srv_port ?? '',
      weight: Number(row.srv_uweight),
      initialWeight: Number(row.srv_iweight),
      up: Number(row.srv_op_state) === RUNNING,
      maint: (admin & MAINT_BITS) !== 0,
      drain: (admin & DRAIN_BITS) !== 0,
      scur: Number(c.scur ?? 0),
      lbtot: Number(c.lbtot ?? 0),
      status: c.status ?? '',
    });
  }
  return backends;
}

/**
 * Algorithms whose weights HAProxy only takes at 0% or 100% at runtime: static-rr and first, and the
 * hash-based ones unless the backend uses `hash-type consistent` (which the Runtime API does not tell).
 */
export function isStaticAlgorithm(algo: string, hashType: 'map-based' | 'consistent'): boolean {
  if (algo === 'static-rr' || algo === 'first') return true;
  const hashed = ['source', 'uri', 'url_param', 'hdr', 'rdp-cookie'].some((a) => algo.startsWith(a));
  return hashed && hashType === 'map-based';
}
