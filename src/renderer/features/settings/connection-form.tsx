import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, errorMessage } from '../../api/api-error';
import { useSaveConnection } from '../../api/use-connection-settings';
import { ModalDialog } from '../../components/modal-dialog';
import { CONNECTION_KINDS, type ConnectionKindName, type ConnectionView } from '../../../shared/api';
import { toast } from '../../store/toast-store';
import { MetricNamePicker } from './metric-name-picker';
import {
  draftFieldOf,
  draftOf,
  DraftProblem,
  emptyDraft,
  saveInput,
  secretFieldOf,
  type ConnectionDraft,
  type DraftField,
} from './connection-draft';

const MORE_HINT: Record<ConnectionKindName, string> = {
  prometheus:
    'metrics:\n  errorRate:\n    query: sum(rate(http_errors_total{service="{{service}}",version="{{version}}"}[{{window}}]))',
  haproxy:
    'services:\n  - service: checkout\n    environment: prod\n    backend: web\n    servers: { web-1: "1.0", web-2: "1.1" }',
  simulator: 'seed: 7',
  'argo-rollouts': 'kubeconfig: ~/.kube/config\ncontext: prod-eu\nnamespaces: [shop, payments]',
  alertmanager: 'pollInterval: 10s',
  unleash: 'token: { env: UNLEASH_TOKEN }\nprojects: [default]\npollInterval: 15s',
  'flagd-file': 'path: flags/production.flagd.json\nenvironment: production',
};

const URL_HINT = {
  prometheus: 'e.g. http://127.0.0.1:9090',
  alertmanager: 'e.g. http://127.0.0.1:9093',
  unleash: 'e.g. https://unleash.example.com',
} as const;

interface FieldProps {
  id: string;
  label: string;
  error: string | undefined;
  hint?: string;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby': string }) => ReactNode;
}

/** A labelled input with its error (or hint) under it, tied by aria-describedby. */
export function Field({ id, label, error, hint, children }: FieldProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': error !== undefined, 'aria-describedby': `${id}-note` })}
      <span
        id={`${id}-note`}
        className={error ? 'field-error' : 'field-hint'}
        data-testid={error ? `error-${id}` : undefined}
      >
        {error ?? hint ?? ''}
      </span>
    </div>
  );
}

/** Adds a connection or edits one; a refused save puts its words under the input that is wrong. */
export function ConnectionForm({
  editing,
  secretStore,
  onClose,
}: {
  editing: ConnectionView | undefined;
  secretStore: string;
  onClose: () => void;
}) {
  const [draft, setDraft] = useState<ConnectionDraft>(() => (editing ? draftOf(editing) : emptyDraft()));
  const [problem, setProblem] = useState<{ field: DraftField | undefined; message: string }>();
  const save = useSaveConnection();
  const first = useRef<HTMLSelectElement>(null);
  const more = useRef<HTMLTextAreaElement>(null);
  const cursor = useRef<number | null>(null);
  const base = useId();
  const id = (f: string) => `${base}-${f}`;
  const set = (patch: Partial<ConnectionDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const errorOf = (f: DraftField) => (problem?.field === f ? problem.message : undefined);
  const secretField = draft.kind === 'prometheus' ? secretFieldOf(draft.auth) : undefined;
  const stored = editing?.secrets.find((s) => s.field === secretField && s.from === 'secret');

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (save.isPending) return;
    let input;
    try {
      input = saveInput(draft, editing !== undefined);
    } catch (error) {
      if (error instanceof DraftProblem) return setProblem({ field: error.field, message: error.message });
      throw error;
    }
    setProblem(undefined);
    save.mutate(input, {
      onSuccess: (result) => {
        toast.success(`${result.message}${result.live ? '' : ` ${result.list.pending?.message ?? ''}`}`);
        onClose();
      },
      onError: (error) => {
        const field = error instanceof ApiError ? draftFieldOf(error.field, draft.kind) : undefined;
        setProblem({ field, message: errorMessage(error) });
      },
    });
  };

  return (
    <ModalDialog
      title={editing ? `Edit ${editing.name}` : 'Add a connection'}
      initialFocus={first}
      onCancel={onClose}
      className="connection-form"
    >
      <form onSubmit={submit} noValidate data-testid="connection-form">
        <div className="form-row">
          <Field id={id('kind')} label="Kind" error={undefined}>
            {(p) => (
              <select
                {...p}
                ref={first}
                value={draft.kind}
                disabled={editing !== undefined}
                onChange={(e) => set({ kind: e.target.value as ConnectionKindName })}
              >
                {CONNECTION_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {k}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id={id('name')} label="Name" error={errorOf('name')} hint="lower-case, e.g. prom-eu">
            {(p) => (
              <input
                {...p}
                value={draft.name}
                readOnly={editing !== undefined}
                onChange={(e) => set({ name: e.target.value })}
                autoComplete="off"
                spellCheck={false}
              />
            )}
          </Field>
        </div>
        {(draft.kind === 'prometheus' || draft.kind === 'alertmanager' || draft.kind === 'unleash') && (
          <Field id={id('url')} label="URL" error={errorOf('url')} hint={URL_HINT[draft.kind]}>
            {(p) => (
              <input
                {...p}
                value={draft.url}
                onChange={(e) => set({ url: e.target.value })}
                spellCheck={false}
              />
            )}
          </Field>
        )}
        {draft.kind === 'haproxy' && (
          <Field
            id={id('socket')}
            label="Runtime API socket (admin level)"
            error={errorOf('socket')}
            hint="a unix socket path, or tcp://host:port"
          >
            {(p) => (
              <input
                {...p}
                value={draft.socket}
                onChange={(e) => set({ socket: e.target.value })}
                spellCheck={false}
              />
            )}
          </Field>
        )}
        {draft.kind === 'simulator' && (
          <div className="form-row">
            <Field id={id('fleet')} label="Fleet file" error={errorOf('fleet')} hint="empty: the demo fleet">
              {(p) => <input {...p} value={draft.fleet} onChange={(e) => set({ fleet: e.target.value })} />}
            </Field>
            <Field
              id={id('metrics')}
              label="Metrics connection"
              error={errorOf('metrics')}
              hint="empty: its own"
            >
              {(p) => (
                <input {...p} value={draft.metrics} onChange={(e) => set({ metrics: e.target.value })} />
              )}
            </Field>
          </div>
        )}
        {draft.kind !== 'simulator' && draft.kind !== 'flagd-file' && (
          <Field
            id={id('timeout')}
            label="Timeout"
            error={errorOf('timeout')}
            hint="e.g. 5s; empty: the default"
          >
            {(p) => <input {...p} value={draft.timeout} onChange={(e) => set({ timeout: e.target.value })} />}
          </Field>
        )}
        {draft.kind === 'prometheus' && (
          <fieldset className="auth-fieldset">
            <legend>Credentials</legend>
            <div className="form-row">
              <Field id={id('auth')} label="Authentication" error={undefined}>
                {(p) => (
                  <select
                    {...p}
                    value={draft.auth}
                    onChange={(e) => set({ auth: e.target.value as ConnectionDraft['auth'] })}
                  >
                    <option value="none">none</option>
                    <option value="bearerToken">bearer token</option>
                    <option value="basicAuth">basic auth</option>
                  </select>
                )}
              </Field>
              {draft.auth === 'basicAuth' && (
                <Field id={id('user')} label="User" error={errorOf('user')}>
                  {(p) => (
                    <input
                      {...p}
                      value={draft.user}
                      onChange={(e) => set({ user: e.target.value })}
                      autoComplete="off"
                    />
                  )}
                </Field>
              )}
              {secretField && (
                <Field id={id('from')} label="Secret from" error={undefined}>
                  {(p) => (
                    <select
                      {...p}
                      value={draft.secretFrom}
                      onChange={(e) => set({ secretFrom: e.target.value as ConnectionDraft['secretFrom'] })}
                    >
                      <option value="secret">stored here</option>
                      <option value="env">environment variable</option>
                    </select>
                  )}
                </Field>
              )}
            </div>
            {secretField && draft.secretFrom === 'secret' && (
              <Field
                id={id('secret')}
                label={draft.auth === 'bearerToken' ? 'Token' : 'Password'}
                error={errorOf('secret')}
                hint={
                  stored
                    ? `${stored.state}${stored.state === 'set' ? ': leave empty to keep it' : ''} · stored in ${secretStore}, never shown again`
                    : `not set · goes to ${secretStore}, never into config.yaml, and is never shown again`
                }
              >
                {(p) => (
                  // Write-only: never filled from the server, and the browser is told not to remember it.
                  <input
                    {...p}
                    type="password"
                    value={draft.secretValue}
                    onChange={(e) => set({ secretValue: e.target.value })}
                    autoComplete="new-password"
                    data-testid="secret-input"
                  />
                )}
              </Field>
            )}
            {secretField && draft.secretFrom === 'env' && (
              <Field
                id={id('secret')}
                label="Environment variable"
                error={errorOf('secret')}
                hint="e.g. PROM_TOKEN"
              >
                {(p) => (
                  <input
                    {...p}
                    value={draft.envVar}
                    onChange={(e) => set({ envVar: e.target.value })}
                    spellCheck={false}
                  />
                )}
              </Field>
            )}
          </fieldset>
        )}
        <Field
          id={id('more')}
          label={draft.kind === 'haproxy' ? 'Services and other settings (YAML)' : 'Other settings (YAML)'}
          error={errorOf('more')}
          hint="as under this connection in config.yaml"
        >
          {(p) => (
            <textarea
              {...p}
              ref={more}
              value={draft.more}
              onChange={(e) => set({ more: e.target.value })}
              onSelect={(e) => (cursor.current = e.currentTarget.selectionStart)}
              placeholder={MORE_HINT[draft.kind]}
              rows={draft.kind === 'haproxy' ? 7 : 4}
              spellCheck={false}
            />
          )}
        </Field>
        {draft.kind === 'prometheus' && (
          <MetricNamePicker
            connection={editing?.name}
            onInsert={(name) => {
              // Where the cursor last was in the YAML (its end when it was never there), then back to typing.
              const at = cursor.current ?? draft.more.length;
              set({ more: `${draft.more.slice(0, at)}${name}${draft.more.slice(at)}` });
              cursor.current = at + name.length;
              more.current?.focus();
            }}
          />
        )}
        {problem && problem.field === undefined && (
          <p className="banner banner-error" role="alert" data-testid="form-error">
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
