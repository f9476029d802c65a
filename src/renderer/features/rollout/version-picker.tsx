import { useId } from 'react';
import type { VersionInfo } from '../../../shared/api';
import { failureWarning, servingText, verdictText } from '../../../shared/version-words';
import { formatAge } from '../../components/format-duration';
import { StatusIcon } from '../../components/status-icon';
import { ranInText, type RollForwardChoice } from './roll-forward-choices';

interface VersionPickerProps {
  /** Known versions (on Kubernetes: images of revisions too); undefined while loading. */
  choices: RollForwardChoice[] | undefined;
  /** "Known versions of checkout", "Known images of checkout". */
  legend: string;
  /** Why the list is missing, when it could not be loaded. */
  loadError: string | null;
  /** The backend takes any image (Kubernetes): a missing list loses the verdicts, not a check. */
  anyImage: boolean;
  value: string;
  onPick: (choice: RollForwardChoice) => void;
  /** The backend's clock, for "3 min ago". */
  now: number;
}

const ago = (now: number, at: string) => `${formatAge(now - Date.parse(at))} ago`;

function note(c: RollForwardChoice, now: number): string {
  const v = c.info;
  const parts = [
    ranInText(c),
    v ? servingText(v) : '',
    v?.lastVerdict ? verdictText(v.lastVerdict, ago(now, v.lastVerdict.at)) : '',
  ];
  const text = parts.filter((p) => p !== '').join(' · ');
  return text === '' ? 'no verdict yet' : text;
}

/** The versions the backend knows, newest first, each with its last verdict; picking one fills the field. */
export function VersionPicker({
  choices,
  legend,
  loadError,
  anyImage,
  value,
  onPick,
  now,
}: VersionPickerProps) {
  const name = useId();
  const failed = loadError && (
    <p className="version-list-note" role="status">
      Known versions could not be loaded ({loadError});{' '}
      {anyImage
        ? 'the images of the revisions are offered without their verdicts.'
        : 'the control room still refuses a version it does not know.'}
    </p>
  );
  if (!choices) return failed || <p className="version-list-note">Loading known versions…</p>;
  return (
    <>
      {failed}
      <fieldset className="version-list">
        <legend>{legend}</legend>
        {choices.map((c) => (
          <label key={c.version} className={`version-option${c.info?.failure ? ' version-failed' : ''}`}>
            <input
              type="radio"
              name={name}
              value={c.version}
              checked={value === c.version}
              onChange={() => onPick(c)}
            />
            <span className="version-name tabular">{c.version}</span>
            {c.info?.failure && <StatusIcon name="warning" />}
            <span className="version-note">{note(c, now)}</span>
          </label>
        ))}
      </fieldset>
    </>
  );
}

/** The plain warning about a version that failed, and the acknowledgement it needs. */
export function FailedVersionWarning({
  version,
  info,
  now,
  acknowledged,
  onAcknowledge,
}: {
  version: string;
  info: VersionInfo;
  now: number;
  acknowledged: boolean;
  onAcknowledge: (acknowledged: boolean) => void;
}) {
  if (!info.failure) return null;
  return (
    <div className="caution" data-testid="version-warning">
      <p>
        <StatusIcon name="warning" />
        <strong>{failureWarning(version, info.failure, ago(now, info.failure.at))}</strong>
      </p>
      <label className="caution-ack">
        <input type="checkbox" checked={acknowledged} onChange={(e) => onAcknowledge(e.target.checked)} />
        Roll forward to {version} anyway
      </label>
    </div>
  );
}
