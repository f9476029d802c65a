import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../../api/api-error';
import { useSaveFreezeWindow } from '../../api/use-freeze-windows';
import { ModalDialog } from '../../components/modal-dialog';
import type { FreezeWindowView } from '../../../shared/freeze-windows';
import { toast } from '../../store/toast-store';
import { Field } from './connection-form';
import {
  emptyWindowDraft,
  windowDraftOf,
  windowFieldOf,
  windowSettingsOf,
  type FreezeWindowDraft,
  type FreezeWindowField,
} from './freeze-window-draft';

/** Every IANA zone the browser knows, offered while typing one. */
function timeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  return ['UTC', ...(intl.supportedValuesOf?.('timeZone') ?? [])];
}

/** Adds a freeze window or edits one; a refused save puts the control room's words under the input. */
export function FreezeWindowForm({
  editing,
  onClose,
}: {
  editing: FreezeWindowView | undefined;
  onClose: () => void;
}) {
  const [draft, setDraft] = useState<FreezeWindowDraft>(() =>
    editing ? windowDraftOf(editing.settings) : emptyWindowDraft(),
  );
  const [problem, setProblem] = useState<{ field: FreezeWindowField | undefined; message: string }>();
  const save = useSaveFreezeWindow();
  const first = useRef<HTMLInputElement>(null);
  const zones = useMemo(() => timeZones(), []);
  const base = useId();
  const id = (f: string) => `${base}-${f}`;
  const set = (patch: Partial<FreezeWindowDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const errorOf = (f: FreezeWindowField) => (problem?.field === f ? problem.message : undefined);
  const byDays = draft.days.trim() !== '';

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (save.isPending) return;
    setProblem(undefined);
    save.mutate(
      { window: windowSettingsOf(draft), ...(editing ? { editing: editing.name } : {}) },
      {
        onSuccess: (result) => {
          toast.success(result.message);
          onClose();
        },
        onError: (error) =>
          setProblem({
            field: error instanceof ApiError ? windowFieldOf(error.field) : undefined,
            message: errorMessage(error),
          }),
      },
    );
  };

  return (
    <ModalDialog
      title={editing ? `Edit freeze window ${editing.name}` : 'Add a freeze window'}
      initialFocus={first}
      onCancel={onClose}
      className="connection-form"
    >
      <form onSubmit={submit} noValidate data-testid="freeze-window-form">
        <p className="muted small">
          While a window is in force, promote, resume, retry and roll forward are refused in its environments;
          pause, abort and undo stay allowed, and an override needs a reason.
        </p>
        <div className="form-row">
          <Field id={id('name')} label="Name" error={errorOf('name')} hint="e.g. weekend">
            {(p) => (
              <input
                {...p}
                ref={first}
                value={draft.name}
                onChange={(e) => set({ name: e.target.value })}
                autoComplete="off"
                spellCheck={false}
              />
            )}
          </Field>
          <Field
            id={id('environments')}
            label="Environments"
            error={errorOf('environments')}
            hint="comma-separated; empty: every environment"
          >
            {(p) => (
              <input
                {...p}
                value={draft.environments}
                onChange={(e) => set({ environments: e.target.value })}
                spellCheck={false}
              />
            )}
          </Field>
        </div>
        <div className="form-row">
          <Field
            id={id('timezone')}
            label="Time zone"
            error={errorOf('timezone')}
            hint="IANA, e.g. Europe/Berlin"
          >
            {(p) => (
              <>
                <input
                  {...p}
                  value={draft.timezone}
                  onChange={(e) => set({ timezone: e.target.value })}
                  list={id('zones')}
                  spellCheck={false}
                />
                <datalist id={id('zones')}>
                  {zones.map((z) => (
                    <option key={z} value={z} />
                  ))}
                </datalist>
              </>
            )}
          </Field>
          <Field id={id('kind')} label="Repeats" error={undefined}>
            {(p) => (
              <select
                {...p}
                value={draft.kind}
                onChange={(e) => set({ kind: e.target.value as FreezeWindowDraft['kind'] })}
              >
                <option value="weekly">every week</option>
                <option value="once">once</option>
              </select>
            )}
          </Field>
        </div>
        {draft.kind === 'weekly' ? (
          <>
            <div className="form-row">
              <Field
                id={id('from')}
                label="From"
                error={errorOf('from')}
                hint={byDays ? 'time of day, e.g. 18:00' : 'day and time, e.g. Fri 16:00'}
              >
                {(p) => <input {...p} value={draft.from} onChange={(e) => set({ from: e.target.value })} />}
              </Field>
              <Field
                id={id('to')}
                label="To"
                error={errorOf('to')}
                hint={byDays ? 'earlier than from: the next morning' : 'e.g. Mon 08:00 (crosses the weekend)'}
              >
                {(p) => <input {...p} value={draft.to} onChange={(e) => set({ to: e.target.value })} />}
              </Field>
            </div>
            <Field
              id={id('days')}
              label="On days"
              error={errorOf('days')}
              hint="optional, e.g. Mon, Tue, Wed: then from and to are times on each of those days"
            >
              {(p) => <input {...p} value={draft.days} onChange={(e) => set({ days: e.target.value })} />}
            </Field>
          </>
        ) : (
          <div className="form-row">
            <Field id={id('start')} label="Start" error={errorOf('start')} hint="local time in the zone">
              {(p) => (
                <input
                  {...p}
                  type="datetime-local"
                  value={draft.start}
                  onChange={(e) => set({ start: e.target.value })}
                />
              )}
            </Field>
            <Field id={id('end')} label="End" error={errorOf('end')} hint="required: a window must end">
              {(p) => (
                <input
                  {...p}
                  type="datetime-local"
                  value={draft.end}
                  onChange={(e) => set({ end: e.target.value })}
                />
              )}
            </Field>
          </div>
        )}
        <Field
          id={id('reason')}
          label="Reason"
          error={errorOf('reason')}
          hint="optional: shown on every refused button, e.g. No releases over the weekend"
        >
          {(p) => <input {...p} value={draft.reason} onChange={(e) => set({ reason: e.target.value })} />}
        </Field>
        {problem && problem.field === undefined && (
          <p className="banner banner-error" role="alert" data-testid="window-form-error">
            {problem.message}
          </p>
        )}
        {problem?.field !== undefined && (
          <p className="visually-hidden" role="alert">
            {problem.message}
          </p>
        )}
        <div className="modal-actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save to config.yaml'}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
