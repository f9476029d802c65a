// Label and field selectors as the API server reads them from a list or watch query:
// `app=checkout,tier!=db,canary,!legacy,env in (prod,staging)` and `metadata.name=checkout`.
// A selector it cannot read is a 400, as on the server.

export interface SelectableObject {
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
}

export type ObjectPredicate = (obj: SelectableObject) => boolean;

export class SelectorError extends Error {}

/** Splits on the commas that separate terms, not those inside `in (a,b)`. */
function terms(selector: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of selector) {
    if (ch === '(') depth += 1;
    if (ch === ')') depth -= 1;
    if (ch === ',' && depth === 0) {
      out.push(current.trim());
      current = '';
    } else current += ch;
  }
  out.push(current.trim());
  return out.filter((t) => t !== '');
}

const labelKey = /^([a-zA-Z0-9]([-a-zA-Z0-9.]*[a-zA-Z0-9])?\/)?[a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?$/;

function labelTerm(term: string): ObjectPredicate {
  const labels = (o: SelectableObject) => o.metadata.labels ?? {};
  const set = /^(\S+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term);
  if (set) {
    const [, key = '', op, list = ''] = set;
    const values = list.split(',').map((v) => v.trim());
    return op === 'in'
      ? (o) => key in labels(o) && values.includes(labels(o)[key] ?? '')
      : (o) => !(key in labels(o)) || !values.includes(labels(o)[key] ?? '');
  }
  const eq = /^([^!=\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(term);
  if (eq) {
    const [, key = '', op, value = ''] = eq;
    if (!labelKey.test(key))
      throw new SelectorError(`unable to parse requirement: invalid label key "${key}"`);
    return op === '!='
      ? (o) => labels(o)[key] !== value
      : (o) => key in labels(o) && labels(o)[key] === value;
  }
  const absent = /^!\s*(\S+)$/.exec(term);
  if (absent) return (o) => !((absent[1] ?? '') in labels(o));
  if (labelKey.test(term)) return (o) => term in labels(o);
  throw new SelectorError(`unable to parse requirement: "${term}"`);
}

export function parseLabelSelector(selector: string | undefined): ObjectPredicate {
  const predicates = terms(selector ?? '').map(labelTerm);
  return (o) => predicates.every((p) => p(o));
}

/** The fields every resource can be selected by; others are refused as on a custom resource. */
export function parseFieldSelector(selector: string | undefined): ObjectPredicate {
  const predicates = terms(selector ?? '').map((term): ObjectPredicate => {
    const m = /^([^!=]+?)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (!m) throw new SelectorError(`invalid selector: '${term}'; can't understand '${term}'`);
    const [, field = '', op, value = ''] = m;
    const read =
      field === 'metadata.name'
        ? (o: SelectableObject) => o.metadata.name
        : field === 'metadata.namespace'
          ? (o: SelectableObject) => o.metadata.namespace ?? ''
          : undefined;
    if (!read) throw new SelectorError(`field label not supported: ${field}`);
    return op === '!=' ? (o) => read(o) !== value : (o) => read(o) === value;
  });
  return (o) => predicates.every((p) => p(o));
}
