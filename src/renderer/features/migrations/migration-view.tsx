import { useState } from 'react';
import type { ItemView, MigrationDetail, PhaseId } from '../../../shared/migrations';
import { ApiError, errorMessage } from '../../api/api-error';
import { useMigration, useMigrationAction, useRunChecks } from '../../api/use-migrations';
import { useSession } from '../../api/use-session';
import { routeHref } from '../../app/routes';
import { formatDateTime } from '../../components/format-time';
import { StatusIcon } from '../../components/status-icon';
import { toast } from '../../store/toast-store';
import { Checklist } from './checklist';
import { GateList } from './gate-list';
import { KeychainPassword } from './keychain-password';
import { LinkedRelease } from './linked-release';
import { MigrationDialog, type DialogRequest } from './migration-dialog';
import { PhaseStateBadge } from './migration-status';
import { isBlocked, PhaseStepper } from './phase-stepper';
import { itemActions } from './item-actions';
import type { PaletteEntry } from '../../app/palette-entry';
import { ScreenPaletteEntries } from '../../app/screen-palette-entries';
import { advanceAction, rollbackAction, type PlanAction } from './plan-actions';
import './migrations.css';

function ActionButton({ action, tone, onClick }: { action: PlanAction; tone: string; onClick: () => void }) {
  const reasonId = `reason-${action.label.replace(/\W+/g, '-')}`;
  return (
    <span className="action-wrap">
      <button
        type="button"
        className={`btn btn-${tone}`}
        aria-disabled={!action.enabled}
        aria-describedby={action.enabled ? undefined : reasonId}
        title={action.enabled ? action.title : action.reason}
        onClick={() => action.enabled && onClick()}
      >
        {action.label}
      </button>
      {!action.enabled && action.reason && (
        <span id={reasonId} role="tooltip" className="action-reason">
          {action.reason}
        </span>
      )}
    </span>
  );
}

/** One idempotency key per dialog: a double Enter sends the same intent once. */
const newKey = (what: string): string => `ui:${what}:${crypto.randomUUID()}`;

export function MigrationView({ id }: { id: string }) {
  const query = useMigration(id);
  const session = useSession();
  const act = useMigrationAction();
  const checks = useRunChecks();
  const [selected, setSelected] = useState<PhaseId | null>(null);
  const [dialog, setDialog] = useState<DialogRequest | null>(null);
  const m = query.data;
  const observer = session.data?.role === 'observer';

  if (!m) {
    if (query.isError) {
      const notFound = query.error instanceof ApiError && query.error.code === 'not-found';
      return (
        <section className="panel panel-error" role="alert">
          <h1 className="view-title">
            {notFound ? `No migration plan “${id}”` : `Plan ${id} could not be loaded`}
          </h1>
          <p>{errorMessage(query.error)}</p>
          <a href={routeHref({ name: 'migrations' })}>← Back to the migrations</a>
        </section>
      );
    }
    return <p className="loading">Loading {id}…</p>;
  }

  const phaseId = selected ?? m.current ?? m.phases.at(-1)?.id ?? 'P0';
  const phase = m.phases.find((p) => p.id === phaseId) ?? m.phases[0];
  if (!phase) return <p className="muted">This plan has no phases.</p>;
  const automated = phase.items.filter((i) => i.kind !== 'manual').length;
  const advance = advanceAction(m, observer);
  const rollback = rollbackAction(m, observer);
  const editable = !observer && phase.state === 'active';
  const needsKeychain = m.phases.some((p) => p.items.some((i) => i.result?.error?.includes('OS keychain')));

  const send = (run: () => Promise<{ message: string }>) => {
    setDialog(null);
    run().then(
      (r) => toast.success(r.message),
      (error: unknown) => toast.error(errorMessage(error)),
    );
  };

  const runChecks = () => {
    checks.mutate(
      { id: m.id, phase: phase.id },
      {
        onSuccess: (r) => toast.info(`${r.phase} checks: ${r.passed} passed, ${r.failed} failed.`),
        onError: (error) => toast.error(`Checks could not run: ${errorMessage(error)}`),
      },
    );
  };

  const tick = (item: ItemView) => {
    const done = item.state !== 'passed';
    setDialog({
      title: `${done ? 'Tick' : 'Untick'} “${item.title}”?`,
      consequence: [
        done
          ? `Recorded as done by ${session.data?.actor ?? 'you'} now, with your note, in the audit log.`
          : 'The item goes back to pending; the audit log keeps both entries.',
      ],
      field: {
        label: 'Note',
        placeholder: 'Optional: what was done, e.g. a job or ticket id',
        required: false,
      },
      tone: 'primary',
      onConfirm: (note) =>
        send(() =>
          act.mutateAsync({
            method: 'migrations.tick',
            input: { id: m.id, phase: phase.id, item: item.id, done, note },
          }),
        ),
    });
  };

  const waive = (item: ItemView) =>
    setDialog({
      title: `Waive “${item.title}”?`,
      consequence: [`The item counts as done without passing. ${phase.id} may then be left with it unmet.`],
      field: { label: 'Reason', placeholder: 'Required: why this is acceptable', required: true },
      tone: 'danger',
      onConfirm: (reason) =>
        send(() =>
          act.mutateAsync({
            method: 'migrations.waive',
            input: { id: m.id, phase: phase.id, item: item.id, reason },
          }),
        ),
    });

  const openAdvance = (plan: MigrationDetail) => {
    const current = plan.current;
    if (!current) return;
    const key = newKey(`advance:${plan.id}:${current}`);
    const next = plan.phases[plan.phases.findIndex((p) => p.id === current) + 1];
    setDialog({
      title: advance.title,
      consequence: advance.consequence,
      field: { label: 'Reason', placeholder: 'Optional: goes into the audit log', required: false },
      ...(next?.irreversible ? { typeToConfirm: plan.table } : {}),
      tone: next?.irreversible ? 'danger' : 'primary',
      onConfirm: (reason, typed) =>
        send(() =>
          act.mutateAsync({
            method: 'migrations.advance',
            input: {
              id: plan.id,
              from: current,
              idempotencyKey: key,
              ...(reason ? { reason } : {}),
              ...(typed ? { confirmTable: typed } : {}),
            },
          }),
        ),
    });
  };

  const openRollback = (plan: MigrationDetail) => {
    const current = plan.current;
    if (!current) return;
    const key = newKey(`rollback:${plan.id}:${current}`);
    setDialog({
      title: rollback.title,
      consequence: rollback.consequence,
      field: { label: 'Reason', placeholder: 'Required: why — goes into the audit log', required: true },
      tone: 'danger',
      onConfirm: (reason) =>
        send(() =>
          act.mutateAsync({
            method: 'migrations.rollback',
            input: { id: plan.id, from: current, reason, idempotencyKey: key },
          }),
        ),
    });
  };

  // The palette offers exactly this toolbar and checklist, through the same dialogs.
  const group = `Migration ${m.id}`;
  const planEntry = (
    id: string,
    action: PlanAction,
    onRun: () => void,
    destructive: boolean,
  ): PaletteEntry => ({
    id: `migration:${id}:${m.id}`,
    name: action.label,
    target: m.id,
    keywords: ['migration', m.title, m.table],
    kind: 'action',
    destructive,
    group,
    ...(action.enabled ? {} : { disabled: true, ...(action.reason ? { detail: action.reason } : {}) }),
    run: () => action.enabled && onRun(),
  });
  const checksAction: PlanAction = {
    label: `Run all checks (${phase.id})`,
    title: `Run the ${automated} automated items of ${phase.id} now`,
    consequence: [],
    enabled: !observer && automated > 0 && !checks.isPending,
    ...(observer
      ? { reason: 'Observer session: you may watch but not act.' }
      : automated === 0
        ? { reason: `${phase.id} has only manual items.` }
        : checks.isPending
          ? { reason: 'Running…' }
          : {}),
  };
  const paletteEntries: PaletteEntry[] = [
    planEntry('checks', checksAction, runChecks, false),
    planEntry('advance', advance, () => openAdvance(m), true),
    planEntry('rollback', rollback, () => openRollback(m), true),
    ...(editable ? phase.items : []).flatMap((item) =>
      itemActions(item).map((a): PaletteEntry => ({
        id: `migration:${a.kind}:${m.id}:${phase.id}:${item.id}`,
        name: a.label,
        target: `${m.id} ${phase.id}`,
        keywords: ['checklist', 'item', m.title],
        kind: 'action',
        group,
        run: () => (a.kind === 'tick' ? tick(item) : waive(item)),
      })),
    ),
  ];

  return (
    <section className="migration-view" aria-label={`Migration ${m.id}`}>
      <ScreenPaletteEntries source="migration" entries={paletteEntries} />
      <header className="migration-header">
        <div className="migration-title-row">
          <a className="back-link" href={routeHref({ name: 'migrations' })}>
            ← Migrations
          </a>
          <h1 className="view-title">{m.title}</h1>
          <code className="tag">{m.change}</code>
        </div>
        <div className="migration-status-row">
          {m.current ? (
            <span className="status-item" data-testid="migration-current">
              <PhaseStateBadge state="active" /> {m.current} {m.currentTitle}
            </span>
          ) : (
            <span className="status-item" data-testid="migration-current">
              <PhaseStateBadge state="done" /> complete
            </span>
          )}
          <span className="status-item muted">
            Checks run on {m.databaseLabel}, {m.roleWarning ? 'read-only not guaranteed' : 'read-only'},{' '}
            {Math.round(m.checkTimeoutMs / 100) / 10} s timeout
          </span>
          {m.checking && <span className="status-item muted">Checking…</span>}
        </div>
        <div className="action-bar" role="toolbar" aria-label="Migration actions">
          <ActionButton action={checksAction} tone="primary" onClick={runChecks} />
          <ActionButton action={advance} tone="primary" onClick={() => openAdvance(m)} />
          <ActionButton action={rollback} tone="danger" onClick={() => openRollback(m)} />
        </div>
      </header>
      {m.roleWarning && (
        <p className="banner banner-warning role-warning" role="status" data-testid="role-warning">
          <StatusIcon name="warning" />
          <span>
            <strong>Warning: privileged database role.</strong> {m.roleWarning}
          </span>
        </p>
      )}
      {query.isError && (
        <p className="banner banner-error" role="alert">
          Refresh failed: {errorMessage(query.error)} — showing the last data received.
        </p>
      )}
      {session.data?.mode === 'electron' && needsKeychain && (
        <KeychainPassword database={m.database} onStored={runChecks} />
      )}
      <PhaseStepper phases={m.phases} selected={phase.id} onSelect={setSelected} />
      <div className="phase-detail" data-testid="phase-detail" data-phase={phase.id}>
        <section className="panel phase-checklist">
          <div className="panel-head">
            <h2 className="panel-title">
              {phase.id} {phase.title} · checklist
            </h2>
            <PhaseStateBadge state={phase.state} blocked={isBlocked(phase)} />
          </div>
          {phase.by && phase.since && (
            <p className="muted small">
              {phase.state === 'done' ? 'Done' : phase.state === 'rolled-back' ? 'Rolled back' : 'Since'}{' '}
              {formatDateTime(phase.since)} by {phase.by}
              {phase.note ? ` — ${phase.note}` : ''}
            </p>
          )}
          <Checklist items={phase.items} editable={editable} onTick={tick} onWaive={waive} />
        </section>
        <div className="phase-side">
          <section className="panel">
            <h2 className="panel-title">Entry gates</h2>
            <GateList gates={phase.gates} />
          </section>
          {phase.release && (
            <section className="panel">
              <h2 className="panel-title">Release</h2>
              <LinkedRelease release={phase.release} />
            </section>
          )}
          <section
            className={`panel${phase.irreversible ? ' panel-irreversible' : ''}`}
            data-testid="rollback-path"
          >
            <h2 className="panel-title">{phase.irreversible ? 'Irreversible step' : 'Rollback path'}</h2>
            <p>{phase.rollback}</p>
            {phase.irreversible && (
              <p className="muted small">Entering this phase asks you to type the table name ({m.table}).</p>
            )}
          </section>
        </div>
      </div>
      {dialog && <MigrationDialog request={dialog} onCancel={() => setDialog(null)} />}
    </section>
  );
}
