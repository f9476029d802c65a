import { useId } from 'react';
import type { RolloutVersions, VersionInfo } from '../../../shared/api';
import { failureWarning, servingText, verdictText } from '../../../shared/version-words';
import { formatAge } from '../../components/format-duration';
import { StatusIcon } from '../../components/status-icon';

interface VersionPickerProps {
  versions: RolloutVersions | undefined;
  /** Why the list is missing, when it could not be loaded. */
  loadError: string | null;
  value: string;
  onPick: (version: string) => void;
  /** The backend's clock, for "3 min ago". */
  now: number;
}

const ago = (now: number, at: string) => `${formatAge(now - Date.parse(at))} ago`;

function note(v: VersionInfo, now: number): string {
  const parts = [servingText(v), v.lastVerdict ? verdictText(v.lastVerdict, ago(now, v.lastVerdict.at)) : ''];
  const text = parts.filter((p) => p !== '').join(' · ');
  return text === '' ? 'no verdict yet' : text;
}

/** The versions the backend knows, newest first, each with its last verdict; picking one fills the field. */
export function VersionPicker({ versions, loadError, value, onPick, now }: VersionPickerProps) {
  const name = useId();
  if (loadError)
    return (
      <p className="version-list-note" role="status">
        Known versions could not be loaded ({loadError}); the control room still refuses a version it does not
        know.
      </p>
    );
  if (!versions) return <p className="version-list-note">Loading known versions…</p>;
  return (
    <fieldset className="version-list">
      <legend>Known versions of {versions.service}</legend>
      {versions.versions.map((v) => (
        <label key={v.version} className={`version-option${v.failure ? ' version-failed' : ''}`}>
          <input
            type="radio"
            name={name}
            value={v.version}
            checked={value === v.version}
            onChange={() => onPick(v.version)}
          />
          <span className="version-name tabular">{v.version}</span>
          {v.failure && <StatusIcon name="warning" />}
          <span className="version-note">{note(v, now)}</span>
        </label>
      ))}
    </fieldset>
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
