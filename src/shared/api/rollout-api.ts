// The rollout, fleet, session and audit part of the API contract.
import { z } from 'zod';
import { text } from './text-input';
import type { DrillMark } from '../drills';
import {
  ACTIONS,
  METRIC_NAMES,
  type AuditRecord,
  type AuditVerifyResult,
  type MetricSeries,
  type RolloutDetail,
  type RolloutSummary,
} from '../domain';

/** `<connection>/<local id>`, or a bare local id when only one connection has it. */
export const rolloutIdSchema = text()
  .min(1)
  .max(200)
  .regex(
    /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/,
    'must be <connection>/<local id>: lower-case letters, digits, dot, dash or underscore, parts joined by /',
  );
const rolloutId = rolloutIdSchema;

/** A version, or for a backend of container images an image reference or a bare tag. */
const version = text()
  .min(1)
  .max(300)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._+\-/:@]*$/,
    'must look like a version (2.4.0), an image tag or an image reference (registry/app:2.4.0)',
  );

export const actionRequestSchema = z
  .object({
    id: rolloutId,
    action: z.enum(ACTIONS),
    /** One per user intent: a double click or a retried request sends the same key and applies once. */
    idempotencyKey: text().min(8).max(200),
    reason: text().max(2000).optional(),
    toVersion: version.optional(),
    /** Roll forward of a rollout with several containers: which one gets the image. */
    container: text()
      .max(63)
      .regex(
        /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/,
        'must be a container name (lower-case letters, digits, dashes)',
      )
      .optional(),
    /** Undo to this revision; absent: to the one before the current. */
    toRevision: z.number().int().min(1).optional(),
    /**
     * The rollout's revision the caller decided on (what the screen showed): refused, with what
     * changed, when the rollout has moved since, so two people promoting at once skip no step.
     */
    revision: z.number().int().min(0).optional(),
    /** Act through a release freeze: why, recorded as a `freeze.overridden` record before the action. */
    overrideFreeze: text()
      .trim()
      .min(1, 'an override of a release freeze needs a reason: say why this cannot wait')
      .max(2000)
      .optional(),
  })
  .strict()
  .refine((r) => r.action !== 'roll-forward' || r.toVersion !== undefined, {
    message: 'roll-forward needs toVersion',
    path: ['toVersion'],
  })
  .refine((r) => r.container === undefined || r.action === 'roll-forward', {
    message: 'only roll-forward takes a container',
    path: ['container'],
  })
  .refine((r) => r.toRevision === undefined || r.action === 'undo', {
    message: 'only undo takes toRevision',
    path: ['toRevision'],
  });
export type ActionRequest = z.infer<typeof actionRequestSchema>;

const empty = z.object({}).strict();

export const ROLES = ['operator', 'observer'] as const;
export type Role = (typeof ROLES)[number];

/**
 * A person's name on an invitation: it is what the audit log records for everything they do, so it
 * is kept legible (letters, digits, space and . _ @ ' -; no control or formatting characters).
 */
export const inviteeName = text()
  .trim()
  .min(1, 'must not be empty')
  .max(64)
  .regex(
    /^[\p{L}\p{N}][\p{L}\p{M}\p{N} ._@'-]*$/u,
    "must start with a letter or digit and hold only letters, digits, spaces and . _ @ ' -",
  );

export const rolloutApiInputSchemas = {
  'session.get': empty,
  /** A new person's own token and join URL (browser mode only); who invited whom is audited. */
  'session.invite': z.object({ name: inviteeName, role: z.enum(ROLES) }).strict(),
  'fleet.list': empty,
  'rollout.get': z.object({ id: rolloutId }).strict(),
  'rollout.metrics': z
    .object({
      id: rolloutId,
      metrics: z.array(z.enum(METRIC_NAMES)).min(1).optional(),
      windowSec: z
        .number()
        .int()
        .min(60)
        .max(7 * 86400)
        .default(1800),
    })
    .strict(),
  'rollout.act': actionRequestSchema,
  /** The versions the rollout may roll forward to, each with its last verdict. */
  'rollout.versions': z.object({ id: rolloutId }).strict(),
  'audit.list': z
    .object({
      actor: text().max(100).optional(),
      kind: text().max(100).optional(),
      target: text().max(200).optional(),
      text: text().max(200).optional(),
      /** Records at or after this time (ISO 8601). */
      from: z.iso.datetime({ offset: true }).optional(),
      /** Records at or before this time (ISO 8601). */
      to: z.iso.datetime({ offset: true }).optional(),
      limit: z.number().int().min(1).max(100_000).default(10_000),
    })
    .strict()
    .refine((q) => q.from === undefined || q.to === undefined || Date.parse(q.from) <= Date.parse(q.to), {
      message: 'from must not be after to',
      path: ['from'],
    }),
  'audit.verify': empty,
} as const;

/** Methods that change something: only operators may call them. */
export const rolloutOperatorMethods = ['rollout.act', 'session.invite'] as const;

/** Whether the control room can record and save what it does; shown on every screen when not. */
export type StorageState =
  | { state: 'ok' }
  /** Writes fail (a full disk, a read-only folder): nothing new is done and the world stands still. */
  | { state: 'blocked'; since: string; reason: string; owed: number }
  /** The audit chain is broken or cut short: nothing can be done until it is sealed. */
  | { state: 'read-only'; firstBrokenSeq: number; reason: string };

export interface SessionInfo {
  /** Who this caller is: the person the credential was issued to (never a name the request gives). */
  actor: string;
  role: Role;
  mode: 'electron' | 'browser' | 'cli';
  workspace: string;
  backends: { deployment: string; metrics: string };
  clock: { now: string; speed: number; simulated: boolean };
  storage: StorageState;
  /** What was found and mended at start (a torn audit line, a damaged saved world set aside, …). */
  notices: string[];
  /** Set while this room is a drill's: the DRILL banner on every screen reads it. */
  drill?: DrillMark;
}

export interface Invitation {
  name: string;
  role: Role;
  /** Opens the control room as this person; the token is in the fragment, never sent to a server. */
  url: string;
}

export interface ActionResult {
  /** False when this idempotency key was already applied: the first outcome is returned again. */
  applied: boolean;
  outcome: 'succeeded' | 'failed';
  message: string;
  auditSeq: number;
  rollout: RolloutDetail;
}

/** The newest thing that judged a version in this rollout's service and environment. */
export interface VersionVerdict {
  verdict: 'pass' | 'marginal' | 'fail';
  /** analysis: a judge's run; rollback: traffic was taken off it; completed: it took all traffic. */
  source: 'analysis' | 'rollback' | 'completed';
  /** True when the judge decided (an analysis run or its rollback), false when a person did. */
  automatic: boolean;
  at: string;
  actor: string;
  /** The judge's one-line reason, or the person's reason (may be empty). */
  reason: string;
  score?: number;
}

export interface VersionInfo {
  version: string;
  /** What it does in this rollout now. */
  serving?: 'stable' | 'canary';
  lastVerdict?: VersionVerdict;
  /** Its newest failure (a failing verdict or a rollback) unless it has taken all traffic since. */
  failure?: VersionVerdict;
}

export interface RolloutVersions {
  id: string;
  service: string;
  environment: string;
  /** Every version the deployment backend knows to exist, newest first. */
  versions: VersionInfo[];
}

export interface AuditListResult {
  records: AuditRecord[];
  total: number;
}

export interface RolloutApiOutputs {
  'session.get': SessionInfo;
  'session.invite': Invitation;
  'fleet.list': RolloutSummary[];
  'rollout.get': RolloutDetail;
  'rollout.metrics': MetricSeries[];
  'rollout.act': ActionResult;
  'rollout.versions': RolloutVersions;
  'audit.list': AuditListResult;
  'audit.verify': AuditVerifyResult;
}
