// The Settings form's model of one connection: the settings a person types most (URL, socket,
// timeout, credentials) as fields, everything else (services, metrics, steps) as YAML, and the
// secret as a write-only value that only ever travels to the API's `secrets`, never into settings.
import { parse, stringify } from 'yaml';
import {
  defaultSecretName,
  type ApiInput,
  type ConnectionKindName,
  type ConnectionView,
  type JsonValue,
  type SecretField,
} from '../../../shared/api';

export type AuthMode = 'none' | 'bearerToken' | 'basicAuth';

export interface ConnectionDraft {
  kind: ConnectionKindName;
  name: string;
  url: string;
  socket: string;
  timeout: string;
  fleet: string;
  metrics: string;
  auth: AuthMode;
  user: string;
  /** Where the credential comes from: typed here (stored in the secret store) or an environment variable. */
  secretFrom: 'secret' | 'env';
  envVar: string;
  /** The secret as typed; empty keeps the stored one. Never filled from the server. */
  secretValue: string;
  /** The stored secret's name, when editing one that has it. */
  secretName: string;
  /** Every other setting, as YAML. */
  more: string;
}

/** The form inputs a save error can point at. */
export type DraftField =
  'name' | 'url' | 'socket' | 'timeout' | 'fleet' | 'metrics' | 'user' | 'secret' | 'more';

/** Settings that have an input of their own, when their kind shows them. */
const INPUT_FIELDS = ['url', 'socket', 'timeout', 'fleet', 'metrics'] as const;

/** The settings each kind shows as fields; the rest go to `more`. */
const FIELDS_OF: Record<ConnectionKindName, readonly string[]> = {
  prometheus: ['url', 'timeout', 'bearerToken', 'basicAuth'],
  haproxy: ['socket', 'timeout'],
  simulator: ['fleet', 'metrics'],
  // kubeconfig, context and namespaces go to `more`; the credentials stay in the kubeconfig.
  'argo-rollouts': ['timeout', 'metrics'],
  alertmanager: ['url', 'timeout'],
  // The token is a secret reference written under `more` ({ env: VARIABLE } or { secret: NAME }).
  unleash: ['url', 'timeout'],
  'flagd-file': [],
};

export function emptyDraft(kind: ConnectionKindName = 'prometheus'): ConnectionDraft {
  return {
    kind,
    name: '',
    url: '',
    socket: '',
    timeout: '',
    fleet: '',
    metrics: '',
    auth: 'none',
    user: '',
    secretFrom: 'secret',
    envVar: '',
    secretValue: '',
    secretName: '',
    more: '',
  };
}

const asText = (value: JsonValue | undefined): string =>
  value === undefined || value === null ? '' : typeof value === 'object' ? '' : String(value);

function ref(value: JsonValue | undefined): { env?: string; secret?: string } {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? {
        ...(typeof value.env === 'string' ? { env: value.env } : {}),
        ...(typeof value.secret === 'string' ? { secret: value.secret } : {}),
      }
    : {};
}

/** The form for editing a connection as the server lists it. */
export function draftOf(view: ConnectionView): ConnectionDraft {
  const s = view.settings;
  const draft: ConnectionDraft = {
    ...emptyDraft(view.kind),
    name: view.name,
    url: asText(s.url),
    socket: asText(s.socket),
    timeout: asText(s.timeout),
    fleet: asText(s.fleet),
    metrics: view.kind === 'simulator' ? asText(s.metrics) : '',
  };
  const basic =
    s.basicAuth && typeof s.basicAuth === 'object' && !Array.isArray(s.basicAuth) ? s.basicAuth : undefined;
  const auth: AuthMode = s.bearerToken ? 'bearerToken' : basic ? 'basicAuth' : 'none';
  const r = ref(auth === 'bearerToken' ? s.bearerToken : basic?.password);
  const rest = Object.fromEntries(
    Object.entries(s).filter(
      ([key]) => key !== 'name' && key !== 'kind' && !FIELDS_OF[view.kind].includes(key),
    ),
  );
  return {
    ...draft,
    auth,
    user: asText(basic?.user),
    secretFrom: r.env !== undefined ? 'env' : 'secret',
    envVar: r.env ?? '',
    secretName: r.secret ?? '',
    more: Object.keys(rest).length > 0 ? stringify(rest, { lineWidth: 0 }) : '',
  };
}

export const secretFieldOf = (auth: AuthMode): SecretField | undefined =>
  auth === 'bearerToken' ? 'bearerToken' : auth === 'basicAuth' ? 'basicAuth.password' : undefined;

/** A save the form cannot send yet, with the input to fix. */
export class DraftProblem extends Error {
  constructor(
    readonly field: DraftField,
    message: string,
  ) {
    super(message);
  }
}

/** "5s" stays as written; a bare number is milliseconds, as config.yaml reads it. */
const duration = (text: string): JsonValue => (/^\d+$/.test(text) ? Number(text) : text);

/** The API call that saves the draft; throws DraftProblem for what the form itself can tell. */
export function saveInput(draft: ConnectionDraft, replace: boolean): ApiInput<'connections.save'> {
  let more: JsonValue = {};
  if (draft.more.trim() !== '') {
    try {
      more = parse(draft.more) as JsonValue;
    } catch (error) {
      throw new DraftProblem('more', `Other settings are not valid YAML: ${(error as Error).message}`);
    }
    if (more === null || typeof more !== 'object' || Array.isArray(more))
      throw new DraftProblem('more', 'Other settings must be YAML keys and values (e.g. services: [...]).');
  }
  const connection: Record<string, JsonValue> & { name: string; kind: ConnectionKindName } = {
    name: draft.name.trim(),
    kind: draft.kind,
  };
  const put = (key: string, value: string, as: (t: string) => JsonValue = (t) => t): void => {
    if (value.trim() !== '') connection[key] = as(value.trim());
  };
  if (draft.kind === 'prometheus' || draft.kind === 'alertmanager' || draft.kind === 'unleash')
    put('url', draft.url);
  if (draft.kind === 'haproxy') put('socket', draft.socket);
  if (draft.kind !== 'simulator' && draft.kind !== 'flagd-file') put('timeout', draft.timeout, duration);
  if (draft.kind === 'simulator') {
    put('fleet', draft.fleet);
    put('metrics', draft.metrics);
  }
  const secrets: Partial<Record<SecretField, string>> = {};
  const field = draft.kind === 'prometheus' ? secretFieldOf(draft.auth) : undefined;
  if (field) {
    let reference: JsonValue;
    if (draft.secretFrom === 'env') {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(draft.envVar.trim()))
        throw new DraftProblem('secret', 'Name the environment variable, e.g. PROM_TOKEN.');
      reference = { env: draft.envVar.trim() };
    } else {
      reference = { secret: draft.secretName || defaultSecretName(connection.name, field) };
      if (draft.secretValue !== '') secrets[field] = draft.secretValue;
    }
    if (field === 'bearerToken') connection.bearerToken = reference;
    else connection.basicAuth = { user: draft.user.trim(), password: reference };
  }
  return { connection: { ...(more as Record<string, JsonValue>), ...connection }, replace, secrets };
}

/** The input a save error's field (`connection.url`, `secrets.bearerToken`, …) belongs to. */
export function draftFieldOf(apiField: string | undefined, kind: ConnectionKindName): DraftField | undefined {
  if (apiField === undefined) return undefined;
  if (apiField.startsWith('secrets.')) return 'secret';
  const path = apiField.replace(/^connection\./, '');
  if (path === apiField && apiField !== 'name') return undefined;
  const [top, second] = path.split('.');
  if (top === 'bearerToken' || (top === 'basicAuth' && second === 'password')) return 'secret';
  if (top === 'basicAuth') return 'user';
  if (top === 'name') return 'name';
  const own = INPUT_FIELDS.find((f) => f === top);
  return own && FIELDS_OF[kind].includes(own) ? own : 'more';
}
