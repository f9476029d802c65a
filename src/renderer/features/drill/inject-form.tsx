import { useId, useMemo, useState, type FormEvent, type RefObject } from 'react';
import type { DrillStatus } from '../../../shared/drills';
import { ApiError, errorMessage } from '../../api/api-error';
import { useDrillInject } from '../../api/use-drill';
import { useFleet } from '../../api/use-fleet';
import {
  fieldsOf,
  INJECT_FORM_KINDS,
  injectFromForm,
  nextLiveId,
  placeError,
  type InjectField,
} from './inject-fields';

/** The values a kind starts with: its defaults, a fresh live id, and whatever was typed before. */
function startValues(kind: string, typed: Record<string, string>, liveId: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of fieldsOf(kind)) {
    const before = typed[field.key];
    values[field.key] = before !== undefined && before !== '' ? before : (field.initial ?? '');
  }
  values.id = typed.id ? typed.id : liveId;
  return values;
}

/**
 * The facilitator's extra inject, now. The server checks it against the scenario's schema; its
 * refusal is shown beside the field it names, and what was typed stays so it can be corrected.
 */
export function InjectForm({
  status,
  kindRef,
}: {
  status: DrillStatus;
  kindRef: RefObject<HTMLSelectElement | null>;
}) {
  const inject = useDrillInject();
  const fleet = useFleet().data;
  const taken = useMemo(
    () => [...status.happened, ...(status.upcoming ?? [])].map((i) => i.id),
    [status.happened, status.upcoming],
  );
  const [kind, setKind] = useState(INJECT_FORM_KINDS[0]?.kind ?? 'alert');
  const [values, setValues] = useState<Record<string, string>>(() =>
    startValues(kind, {}, nextLiveId(taken)),
  );
  const [sent, setSent] = useState<string | null>(null);
  const ids = { form: useId(), kind: useId(), error: useId() };

  const suggestions = useMemo(() => {
    const rows = fleet ?? [];
    return {
      service: [...new Set(rows.map((r) => r.service))].sort(),
      environment: [...new Set(rows.map((r) => r.environment))].sort(),
      rollout: rows.map((r) => r.id.replace(/^[^/]+\//, '')).sort(),
    };
  }, [fleet]);

  const error = inject.error;
  const placed = error
    ? placeError(String(inject.variables?.inject.kind ?? kind), {
        field: error instanceof ApiError ? error.field : undefined,
        message: errorMessage(error),
      })
    : undefined;
  const fieldError = (key: string) => (placed?.field === key ? placed.message : '');

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setSent(null);
    inject.mutate(
      { inject: injectFromForm(kind, values) },
      {
        onSuccess: (view) => {
          setSent(`${view.id} injected at +${Math.round(view.at / 1000)} s`);
          // A fresh id for the next one; the rest stays for a similar inject.
          setValues((v) => ({ ...v, id: nextLiveId([...taken, view.id]), note: '' }));
        },
      },
    );
  };

  const field = (f: InjectField) => {
    const id = `${ids.form}-${f.key}`;
    const message = fieldError(f.key);
    const list = f.suggest ? `${ids.form}-list-${f.suggest}` : undefined;
    const common = {
      id,
      value: values[f.key] ?? '',
      'aria-invalid': message !== '' ? true : undefined,
      'aria-describedby': `${id}-error`,
    };
    return (
      <div className="field" key={f.key}>
        <label htmlFor={id}>
          {f.label}
          {f.optional ? <span className="muted"> (optional)</span> : null}
        </label>
        {f.type === 'select' ? (
          <select {...common} onChange={(e) => setValues((v) => ({ ...v, [f.key]: e.target.value }))}>
            {(f.options ?? []).map((o) => (
              <option key={o}>{o}</option>
            ))}
          </select>
        ) : (
          <input
            {...common}
            autoComplete="off"
            inputMode={f.type === 'number' ? 'decimal' : undefined}
            placeholder={f.placeholder}
            list={list}
            onChange={(e) => setValues((v) => ({ ...v, [f.key]: e.target.value }))}
          />
        )}
        <span id={`${id}-error`} className="field-error" data-testid={`inject-error-${f.key}`}>
          {message}
        </span>
      </div>
    );
  };

  const formError = placed && placed.field === undefined ? placed.message : '';
  return (
    <form
      className="inject-form"
      onSubmit={submit}
      noValidate
      aria-label="Inject now"
      data-testid="inject-form"
    >
      <div className="inject-fields">
        <div className="field inject-kind">
          <label htmlFor={ids.kind}>What happens</label>
          <select
            id={ids.kind}
            ref={kindRef}
            value={kind}
            onChange={(e) => {
              const next = e.target.value;
              setKind(next);
              setValues((v) => startValues(next, v, nextLiveId(taken)));
            }}
          >
            {INJECT_FORM_KINDS.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </select>
          <span className="field-error" data-testid="inject-error-kind">
            {fieldError('kind')}
          </span>
        </div>
        {fieldsOf(kind).map(field)}
      </div>
      {(['service', 'environment', 'rollout'] as const).map((s) => (
        <datalist key={s} id={`${ids.form}-list-${s}`}>
          {suggestions[s].map((o) => (
            <option key={o} value={o} />
          ))}
        </datalist>
      ))}
      <div className="inject-submit">
        <button type="submit" className="btn btn-primary" disabled={inject.isPending}>
          Inject now
        </button>
        <span className="field-error" role="alert" id={ids.error} data-testid="inject-error">
          {formError}
        </span>
        {sent && !error && (
          <span className="muted" role="status" data-testid="inject-sent">
            {sent}
          </span>
        )}
      </div>
    </form>
  );
}
