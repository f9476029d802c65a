import { useId, useRef, useState, type FormEvent } from 'react';
import type { ApiInput, Role } from '../../../shared/api';
import type { StartedDrill } from '../../../shared/drill-servers';
import type { ScenarioSummary } from '../../../shared/drills';
import { ApiError, errorMessage } from '../../api/api-error';
import { useStartDrill } from '../../api/use-drill-servers';
import { CopyButton } from '../../components/copy-button';
import { Kbd } from '../../components/kbd';
import { ModalDialog } from '../../components/modal-dialog';
import { openDrillRoom } from './drill-launch-store';

interface InviteRow {
  key: number;
  name: string;
  role: Role;
}

/** The form's text as the API's input; a field that is not a number is said here, by its label. */
function startInput(
  scenario: string,
  form: { seed: string; speed: string; team: string; invites: InviteRow[] },
): ApiInput<'drills.start'> | string {
  const seed = form.seed.trim() === '' ? undefined : Number(form.seed);
  if (seed !== undefined && !Number.isInteger(seed)) return 'Seed must be a whole number, or left empty.';
  const speed = Number(form.speed);
  if (!(speed >= 1 && speed <= 60)) return 'Speed must be between 1 and 60 (simulated seconds per second).';
  const invite = form.invites
    .filter((i) => i.name.trim() !== '')
    .map((i) => ({ name: i.name.trim(), role: i.role }));
  return {
    scenario,
    speed,
    ...(seed !== undefined ? { seed } : {}),
    ...(form.team.trim() ? { team: form.team.trim() } : {}),
    ...(invite.length > 0 ? { invite } : {}),
  };
}

function JoinLink({ name, role, url }: { name: string; role: string; url: string }) {
  return (
    <li className="drill-join" data-testid={`drill-join-${name}`}>
      <span className="drill-join-who">
        <strong>{name}</strong> · {role}
        {role === 'observer' ? ' (watch only)' : ''}
      </span>
      <code className="drill-join-url">{url}</code>
      <CopyButton text={url} label={`join URL of ${name}`} />
    </li>
  );
}

function Started({ started, onDone }: { started: StartedDrill; onDone: () => void }) {
  const openRef = useRef<HTMLButtonElement>(null);
  return (
    <div className="drill-started" data-testid="drill-started">
      <p>
        The drill room for <strong>{started.title}</strong> runs in its own process (pid {started.pid}); this
        window keeps showing the real fleet. Start the drill from the facilitator panel in the drill room.
      </p>
      <div className="drill-join-own">
        <code className="drill-join-url" data-testid="drill-facilitator-url">
          {started.url}
        </code>
        <button
          type="button"
          className="btn btn-primary"
          ref={openRef}
          autoFocus
          onClick={() => openDrillRoom(started.url)}
        >
          Open drill room
        </button>
        <CopyButton text={started.url} label="your facilitator join URL" />
      </div>
      <h3 className="drill-subtitle">Invitations: one URL per person, give each their own</h3>
      <ul className="drill-joins">
        {started.invitations.map((i) => (
          <JoinLink key={i.name} {...i} />
        ))}
      </ul>
      <p className="muted">Drill workspace: {started.workspace}</p>
      <div className="modal-actions">
        <button type="button" className="btn" onClick={onDone}>
          Done <Kbd>Esc</Kbd>
        </button>
      </div>
    </div>
  );
}

/** Seed, speed, team and who is invited; Enter starts the drill room, then its join URLs are shown. */
export function StartDrillDialog({ scenario, onDone }: { scenario: ScenarioSummary; onDone: () => void }) {
  const start = useStartDrill();
  const [seed, setSeed] = useState('');
  const [speed, setSpeed] = useState('60');
  const [team, setTeam] = useState('');
  const [invites, setInvites] = useState<InviteRow[]>([{ key: 0, name: '', role: 'operator' }]);
  const [problem, setProblem] = useState<string | undefined>();
  const nextKey = useRef(1);
  const first = useRef<HTMLInputElement>(null);
  const ids = { seed: useId(), speed: useId(), team: useId(), error: useId() };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (start.isPending) return;
    const input = startInput(scenario.id, { seed, speed, team, invites });
    if (typeof input === 'string') return setProblem(input);
    setProblem(undefined);
    start.mutate(input);
  };
  const setRow = (key: number, patch: Partial<InviteRow>) =>
    setInvites((rows) => rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const failure = start.isError
    ? `${errorMessage(start.error)}${start.error instanceof ApiError && start.error.field ? ` (${start.error.field})` : ''}`
    : problem;

  return (
    <ModalDialog
      title={start.data ? `Drill room started: ${scenario.id}` : `Start drill: ${scenario.title}`}
      initialFocus={first}
      onCancel={onDone}
      className="start-drill-dialog"
    >
      {start.data ? (
        <Started started={start.data} onDone={onDone} />
      ) : (
        <form onSubmit={submit} noValidate data-testid="start-drill">
          <p className="consequence">
            A drill room of {scenario.id} starts in its own process on this machine (loopback only), on the
            simulator, with you as the facilitator. Nothing here changes: this window keeps the real fleet.
          </p>
          <div className="start-drill-fields">
            <div className="field">
              <label htmlFor={ids.seed}>Seed (optional)</label>
              <input
                id={ids.seed}
                ref={first}
                inputMode="numeric"
                autoComplete="off"
                value={seed}
                placeholder="the scenario's"
                onChange={(e) => setSeed(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor={ids.speed}>Speed (1–60x)</label>
              <input
                id={ids.speed}
                type="number"
                min={1}
                max={60}
                autoComplete="off"
                value={speed}
                onChange={(e) => setSpeed(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor={ids.team}>Team (optional)</label>
              <input
                id={ids.team}
                autoComplete="off"
                maxLength={100}
                value={team}
                onChange={(e) => setTeam(e.target.value)}
              />
            </div>
          </div>
          <fieldset className="start-drill-invites">
            <legend>Invitations (each person gets their own join URL; none: one watch-only observer)</legend>
            {invites.map((row, n) => (
              <div className="start-drill-invite" key={row.key}>
                <input
                  aria-label={`Name of person ${n + 1}`}
                  autoComplete="off"
                  maxLength={64}
                  value={row.name}
                  placeholder="name"
                  onChange={(e) => setRow(row.key, { name: e.target.value })}
                />
                <select
                  aria-label={`Role of person ${n + 1}`}
                  value={row.role}
                  onChange={(e) => setRow(row.key, { role: e.target.value as Role })}
                >
                  <option value="operator">operator (may act)</option>
                  <option value="observer">observer (watch only)</option>
                </select>
                <button
                  type="button"
                  className="btn btn-small btn-ghost"
                  onClick={() => setInvites((rows) => rows.filter((r) => r.key !== row.key))}
                >
                  Remove<span className="visually-hidden"> person {n + 1}</span>
                </button>
              </div>
            ))}
            <button
              type="button"
              className="btn btn-small"
              onClick={() =>
                setInvites((rows) => [...rows, { key: nextKey.current++, name: '', role: 'operator' }])
              }
            >
              Add person
            </button>
          </fieldset>
          <p id={ids.error} className="field-error" role="alert">
            {failure ?? ''}
          </p>
          <div className="modal-actions">
            <button type="button" className="btn" onClick={onDone}>
              Cancel <Kbd>Esc</Kbd>
            </button>
            <button type="submit" className="btn btn-primary" aria-busy={start.isPending || undefined}>
              {start.isPending ? 'Starting…' : 'Start drill'} <Kbd>Enter</Kbd>
            </button>
          </div>
        </form>
      )}
    </ModalDialog>
  );
}
