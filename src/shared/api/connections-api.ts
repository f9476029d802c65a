// The connections part of the API contract: every configured backend with its health line, testing
// one now, and adding, editing and removing them in config.yaml. A secret travels only inward: it
// goes to the secret store, config.yaml gets a reference, and no answer ever carries it back.
import { z } from 'zod';
import { text } from './text-input';
import type { ConnectionRole, ConnectionStatus } from '../connections';

export const CONNECTION_KINDS = [
  'simulator',
  'prometheus',
  'haproxy',
  'argo-rollouts',
  'alertmanager',
  'unleash',
  'flagd-file',
] as const;
export type ConnectionKindName = (typeof CONNECTION_KINDS)[number];

/** Where a connection's settings hold a secret reference (`{ env: VAR }` or `{ secret: NAME }`). */
export const SECRET_FIELDS = ['bearerToken', 'basicAuth.password', 'token'] as const;
export type SecretField = (typeof SECRET_FIELDS)[number];

/** The name a secret typed into the Settings screen is stored under: `prom.bearer-token`. */
export function defaultSecretName(connection: string, field: SecretField): string {
  return `${connection}.${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A connection's settings as config.yaml will hold them: any JSON, every string well-formed text. */
const jsonValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([
    text().max(10_000),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(jsonValue).max(1000),
    z.record(text().max(200), jsonValue),
  ]),
);

const connectionName = text().min(1).max(100);

/** A secret's value: one line (it goes into an HTTP header or a socket), never echoed in an error. */
const secretValue = text()
  .min(1, 'must not be empty')
  .max(10_000)
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  .regex(/^[^\u0000-\u001f\u007f]*$/, 'must be one line, without control characters');

export const connectionsApiInputSchemas = {
  /** Every connection's health line, deployment and metrics, in config order. */
  'connections.status': z.object({}).strict(),
  /** Every connection as config.yaml has it, with its health line; secrets only as set / not set. */
  'connections.list': z.object({}).strict(),
  /** Calls the connection now: reachable, latency and the checks of its kind. */
  'connections.test': z.object({ name: connectionName }).strict(),
  /**
   * Adds a connection (`replace: false`) or replaces the one of that name. Checked against the whole
   * config schema before anything is written. `secrets` go to the secret store under the
   * `{ secret: NAME }` reference the connection holds at that field.
   */
  'connections.save': z
    .object({
      connection: z.object({ name: connectionName, kind: z.enum(CONNECTION_KINDS) }).catchall(jsonValue),
      replace: z.boolean().default(false),
      secrets: z.partialRecord(z.enum(SECRET_FIELDS), secretValue).default({}),
    })
    .strict(),
  /** Replaces the stored value of a `{ secret: NAME }` reference of a saved connection (rotation). */
  'connections.setSecret': z
    .object({ name: connectionName, field: z.enum(SECRET_FIELDS), value: secretValue })
    .strict(),
  /**
   * For autocompletion while writing PromQL: the values Prometheus knows of one label (`__name__`,
   * the default, lists metric names) over the last hour, at most 1,000.
   */
  'connections.suggest': z
    .object({
      name: connectionName,
      label: text()
        .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a label name (letters, digits, _)')
        .default('__name__'),
    })
    .strict(),
  /** Removes a connection from config.yaml; its stored secrets that nothing else uses go too. */
  'connections.remove': z.object({ name: connectionName }).strict(),
} as const;

export const connectionsOperatorMethods = [
  'connections.save',
  'connections.remove',
  'connections.setSecret',
] as const;

export interface SecretView {
  field: SecretField;
  from: 'env' | 'secret';
  /** The environment variable or the secret's name: never its value. */
  ref: string;
  state: 'set' | 'not set';
  /** Where it is looked up, in words: "environment variable PROM_TOKEN", "the OS keychain". */
  where: string;
  /** Why it could not be looked up (the store cannot be read). */
  problem?: string;
}

export interface ConnectionView {
  name: string;
  kind: ConnectionKindName;
  roles: ConnectionRole[];
  /** Not in config.yaml: the simulator a config without `connections:` runs. */
  implicit: boolean;
  /** As config.yaml has it (durations as written); secret fields hold only their references. */
  settings: { [key: string]: JsonValue };
  secrets: SecretView[];
  /** Its health line, when the control room runs it. */
  status?: ConnectionStatus;
  /** What relies on it, in words: "the metrics of edge: checkout in prod-eu". */
  usedBy: string[];
  /** What a deployment connection serves, in words: "checkout in prod-eu", "the demo fleet". */
  serves: string[];
}

export interface ConnectionList {
  connections: ConnectionView[];
  configPath: string;
  /** Where a secret typed in goes, in words: "the OS keychain", "the secrets file /…/secrets.json". */
  secretStore: string;
  /** config.yaml as it is on disk now is not valid (edited by hand): why. Nothing can be saved until it is. */
  problem?: string;
  /** Saved changes the running control room has not taken up yet, and what it takes to apply them. */
  pending?: { names: string[]; message: string };
}

export interface ConnectionCheck {
  /** What was checked: "API answers", "admin level", "backend web". */
  name: string;
  ok: boolean;
  detail: string;
}

export interface ConnectionTestResult {
  name: string;
  kind: ConnectionKindName;
  reachable: boolean;
  latencyMs?: number;
  /** Why the call failed, in words (never a secret). */
  error?: string;
  checks: ConnectionCheck[];
  status: ConnectionStatus;
}

export interface ConnectionChangeResult {
  name: string;
  message: string;
  auditSeq: number;
  /** Whether the running control room already uses the change; else `message` says when it will. */
  live: boolean;
  list: ConnectionList;
}

export interface ConnectionSuggestions {
  name: string;
  label: string;
  values: string[];
}

export interface ConnectionsApiOutputs {
  'connections.status': ConnectionStatus[];
  'connections.list': ConnectionList;
  'connections.test': ConnectionTestResult;
  'connections.suggest': ConnectionSuggestions;
  'connections.save': ConnectionChangeResult;
  'connections.remove': ConnectionChangeResult;
  'connections.setSecret': ConnectionChangeResult;
}
