// The facilitator's "Inject now" form: the fields of the common inject kinds, and the inject object
// they make. The server checks it against the scenario's inject schema; this only shapes it, so a
// value the schema refuses is sent as typed and its error is shown beside its field.

export type InjectFieldType = 'text' | 'number' | 'select';

export interface InjectField {
  key: string;
  label: string;
  type: InjectFieldType;
  options?: readonly string[];
  /** What to type: "0.2", "5m". */
  placeholder?: string;
  /** Filled in when the kind is chosen (the form keeps what was typed over it). */
  initial?: string;
  /** Offered from the drill's fleet (services, environments, rollouts) as suggestions. */
  suggest?: 'service' | 'environment' | 'rollout';
  optional?: boolean;
}

const EFFECTS = ['error-rate', 'latency', 'saturation'] as const;

const service: InjectField = { key: 'service', label: 'Service', type: 'text', suggest: 'service' };
const environment: InjectField = {
  key: 'environment',
  label: 'Environment',
  type: 'text',
  suggest: 'environment',
};
const effect: InjectField = {
  key: 'effect',
  label: 'Effect',
  type: 'select',
  options: EFFECTS,
  initial: 'error-rate',
};
const factor: InjectField = {
  key: 'factor',
  label: 'Factor (× the normal value)',
  type: 'number',
  placeholder: '9',
  initial: '5',
};

/** Kinds the form offers, in the order a facilitator reaches for them, with what each does. */
export const INJECT_FORM_KINDS: readonly { kind: string; label: string; fields: readonly InjectField[] }[] = [
  {
    kind: 'alert',
    label: 'An alert fires',
    fields: [
      { key: 'name', label: 'Alert name', type: 'text', placeholder: 'HighErrorRate' },
      service,
      { ...environment, optional: false },
      { key: 'summary', label: 'Summary', type: 'text', placeholder: 'checkout 5xx above 2%' },
    ],
  },
  {
    kind: 'metric-fault',
    label: 'A metric fault on a version or region',
    fields: [
      service,
      { ...environment, optional: true },
      { key: 'version', label: 'Version', type: 'text', optional: true },
      effect,
      factor,
    ],
  },
  {
    kind: 'config-push',
    label: 'A config push (no deploy)',
    fields: [
      service,
      { ...environment, optional: true },
      { key: 'key', label: 'Config key', type: 'text', placeholder: 'pool.size' },
      { key: 'value', label: 'New value', type: 'text', placeholder: '4' },
      effect,
      factor,
    ],
  },
  {
    kind: 'slow-leak',
    label: 'A slow leak',
    fields: [
      service,
      { ...environment, optional: true },
      { key: 'version', label: 'Version', type: 'text', optional: true },
      { key: 'growth', label: 'Growth per period', type: 'number', placeholder: '0.2', initial: '0.2' },
      { key: 'every', label: 'Period', type: 'text', placeholder: '5m', initial: '5m' },
    ],
  },
  { kind: 'metrics-outage', label: 'The metrics backend goes down', fields: [] },
  { kind: 'deploy-writes-refused', label: 'The deployment backend refuses writes', fields: [] },
  {
    kind: 'rollback-fails',
    label: 'A rollback fails',
    fields: [
      { key: 'rollout', label: 'Rollout', type: 'text', suggest: 'rollout', placeholder: 'checkout-prod-eu' },
      { key: 'message', label: 'What the backend answers', type: 'text', optional: true },
    ],
  },
];

/** Fields every kind has: its id in the drill, how long it lasts, and what participants are told. */
export const COMMON_INJECT_FIELDS: readonly InjectField[] = [
  { key: 'id', label: 'Id', type: 'text', placeholder: 'live-1' },
  {
    key: 'duration',
    label: 'Lasts',
    type: 'text',
    placeholder: 'to the end, or 10m',
    optional: true,
  },
  { key: 'note', label: 'What participants see', type: 'text', optional: true },
];

export function fieldsOf(kind: string): readonly InjectField[] {
  return [...(INJECT_FORM_KINDS.find((k) => k.kind === kind)?.fields ?? []), ...COMMON_INJECT_FIELDS];
}

/**
 * The inject the form's values make: empty fields left out (the schema's defaults apply), numbers
 * sent as numbers when they read as one, else as typed so the schema names what is wrong.
 */
export function injectFromForm(
  kind: string,
  values: Readonly<Record<string, string>>,
): Record<string, unknown> {
  const inject: Record<string, unknown> = { kind };
  for (const field of fieldsOf(kind)) {
    const raw = (values[field.key] ?? '').trim();
    if (raw === '') continue;
    const n = Number(raw);
    inject[field.key] = field.type === 'number' && Number.isFinite(n) ? n : raw;
  }
  return inject;
}

/** "inject.factor: must be positive": the field a refusal's message starts with, if any. */
const FIELD_PREFIX = /^(inject(?:\.[\w-]+)*):\s*/;

/**
 * Where a server refusal belongs: beside the field it names (by its `field`, or the
 * "inject.factor: …" its message starts with) when the form has it, else on the form as a whole.
 */
export function placeError(
  kind: string,
  error: { field?: string | undefined; message: string },
): { field?: string; message: string } {
  const named = error.field ?? FIELD_PREFIX.exec(error.message)?.[1];
  const key = named
    ?.replace(/^inject[./]?/, '')
    .split(/[./[\]]/)
    .find((part) => part !== '');
  const known = key === 'kind' || fieldsOf(kind).some((f) => f.key === key);
  if (!known || key === undefined) return { message: error.message };
  return { field: key, message: error.message.replace(FIELD_PREFIX, '') };
}

/** A live inject's id not yet used in this drill: live-1, live-2, … */
export function nextLiveId(taken: readonly string[]): string {
  let n = 1;
  while (taken.includes(`live-${n}`)) n += 1;
  return `live-${n}`;
}
