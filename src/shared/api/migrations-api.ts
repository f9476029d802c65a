// The schema-migration part of the API contract: plans, their phases and checklists, running the
// automated checks, ticking manual items, and moving a plan forward or back.
import { z } from 'zod';
import { text } from './text-input';
import { MIGRATION_PHASES, type MigrationDetail, type MigrationList, type PhaseId } from '../migrations';

const planId = text()
  .min(1)
  .max(200)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'must be lower-case letters, digits, dot, dash or underscore');
const phase = z.enum(MIGRATION_PHASES, { error: `must be one of ${MIGRATION_PHASES.join(', ')}` });
const itemId = text().min(1).max(200);
const idempotencyKey = text().min(8).max(200);

export const migrationsApiInputSchemas = {
  'migrations.list': z.object({}).strict(),
  'migrations.get': z.object({ id: planId }).strict(),
  /** Runs the automated items of one phase (default: the active one) against the database now. */
  'migrations.check': z.object({ id: planId, phase: phase.optional() }).strict(),
  /** Ticks (or unticks) a manual item of the active phase; who, when and the note are audited. */
  'migrations.tick': z
    .object({
      id: planId,
      phase,
      item: itemId,
      done: z.boolean().default(true),
      note: text().max(2000).default(''),
    })
    .strict(),
  /** Accepts an item of the active phase without it passing; the reason is required and audited. */
  'migrations.waive': z
    .object({ id: planId, phase, item: itemId, reason: text().trim().min(1).max(2000) })
    .strict(),
  /** Leaves phase `from` (done) and enters the next one; P7 needs the table name typed as confirmation. */
  'migrations.advance': z
    .object({
      id: planId,
      from: phase,
      confirmTable: text().max(200).optional(),
      reason: text().max(2000).optional(),
      idempotencyKey,
    })
    .strict(),
  /** Rolls back the active phase `from`: the phase before it becomes active again. */
  'migrations.rollback': z
    .object({
      id: planId,
      from: phase,
      reason: text().trim().min(1, 'say why: it goes into the audit log').max(2000),
      idempotencyKey,
    })
    .strict(),
  /** Stores a database profile's password in the OS keychain (desktop app only). */
  'databases.storePassword': z
    .object({ database: text().min(1).max(100), password: text().min(1).max(1000) })
    .strict(),
} as const;

export const migrationsOperatorMethods = [
  'migrations.check',
  'migrations.tick',
  'migrations.waive',
  'migrations.advance',
  'migrations.rollback',
  'databases.storePassword',
] as const;

export interface CheckRunResult {
  migration: MigrationDetail;
  phase: PhaseId;
  passed: number;
  failed: number;
  /** Items of the phase that are not automated (manual), left as they were. */
  skipped: number;
  auditSeq: number;
  /** The checks ran as a privileged role that the profile allows (allowPrivilegedRole): what it may do. */
  warning?: string;
}

export interface MigrationActionResult {
  /** False when this idempotency key was already applied: the first outcome is returned again. */
  applied: boolean;
  message: string;
  auditSeq: number;
  migration: MigrationDetail;
}

export interface MigrationsApiOutputs {
  'migrations.list': MigrationList;
  'migrations.get': MigrationDetail;
  'migrations.check': CheckRunResult;
  'migrations.tick': MigrationActionResult;
  'migrations.waive': MigrationActionResult;
  'migrations.advance': MigrationActionResult;
  'migrations.rollback': MigrationActionResult;
  'databases.storePassword': { database: string; stored: true };
}
