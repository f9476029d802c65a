// Orders release versions the way people read them: 2.10.0 is after 2.9.4, 2.4.0-rc.1 before 2.4.0.

function parts(version: string): { main: (number | string)[]; pre: string | undefined } {
  const [main = '', pre] = version.split(/-(.*)/s, 2);
  return {
    main: main.split(/[.+]/).map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
    pre: pre === '' ? undefined : pre,
  };
}

/** Negative when a is older than b, positive when newer, 0 when the same. */
export function compareVersions(a: string, b: string): number {
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < Math.max(pa.main.length, pb.main.length); i++) {
    const x = pa.main[i] ?? 0;
    const y = pb.main[i] ?? 0;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x).localeCompare(String(y));
  }
  // A pre-release comes before its release.
  if (pa.pre === pb.pre) return 0;
  if (pa.pre === undefined) return 1;
  if (pb.pre === undefined) return -1;
  return pa.pre.localeCompare(pb.pre, undefined, { numeric: true });
}
