// A view's filters as the query of its hash route (`#/fleet?env=prod-eu&q=checkout`), so a copied
// URL opens the same view. Generic over the view: each declares its fields, lists or single values.

/** A view's filters in the URL: each field a single value or a list (written comma-joined). */
export type QueryValues = Record<string, string | readonly string[] | undefined>;

/** The query of a hash (`#/fleet?a=b`), without the `?`; empty when there is none. */
export function hashQuery(hash: string): string {
  const at = hash.indexOf('?');
  return at < 0 ? '' : hash.slice(at + 1);
}

/** A hand-edited URL may hold a bad escape: it reads as written rather than breaking the view. */
function decodePart(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** Reads the fields named in `lists` as lists and every other present field as one value. */
export function readQuery<K extends string>(
  query: string,
  fields: { lists: readonly K[]; values: readonly K[] },
): Partial<Record<K, string | string[]>> {
  // Split before decoding: a comma inside a list item is encoded, so it stays inside its item.
  const raw = new Map<string, string>();
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    if (eq > 0) raw.set(decodePart(pair.slice(0, eq)), pair.slice(eq + 1));
  }
  const out: Partial<Record<K, string | string[]>> = {};
  for (const key of fields.lists) {
    const items = (raw.get(key) ?? '')
      .split(',')
      .filter((x) => x !== '')
      .map(decodePart);
    if (items.length > 0) out[key] = items;
  }
  for (const key of fields.values) {
    const value = decodePart(raw.get(key) ?? '');
    if (value !== '') out[key] = value;
  }
  return out;
}

/** `?a=b&c=d,e` in the given field order, empty fields left out; '' when nothing is set. */
export function writeQuery(values: QueryValues): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const text = typeof value === 'string' ? value : value.join(',');
    if (text === '') continue;
    // Commas separate list items; inside one they are encoded, so any value round-trips.
    const encoded =
      typeof value === 'string'
        ? encodeURIComponent(text)
        : value.map((v) => encodeURIComponent(v)).join(',');
    parts.push(`${encodeURIComponent(key)}=${encoded}`);
  }
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}
