// The rollout's revisions (its ReplicaSets), newest first, each with an Undo to it: the way back
// that makes a new revision from an old pod template.
import { Fragment } from 'react';
import type { KubernetesRevision, KubernetesRolloutDetail } from '../../../shared/kubernetes-rollout';
import { formatAge } from '../../components/format-duration';
import { formatDateTime } from '../../components/format-time';
import { StatusIcon } from '../../components/status-icon';
import type { ActionState } from './action-state';
import { revisionsNewestFirst, ROLE_LOOK } from './revision-words';

interface RevisionsPanelProps {
  k: KubernetesRolloutDetail;
  /** The Undo action's state: an observer, a request in flight or the rollout may forbid it. */
  undo: ActionState | undefined;
  onUndo: (toRevision: number) => void;
  now: number;
}

const TWO_DAYS_MS = 2 * 86_400_000;

function lastRan(v: KubernetesRevision, now: number): string {
  if (v.replicas > 0) return 'running now';
  const at = Date.parse(v.lastRanAt);
  if (Number.isNaN(at)) return '—';
  // "216 h ago" says less than the day it was.
  return now - at < TWO_DAYS_MS ? `${formatAge(now - at)} ago` : `on ${formatDateTime(at).slice(0, 10)}`;
}

/** An image reference that wraps after its / : @ rather than inside a name or tag. */
function ImageRef({ image }: { image: string }) {
  return image.split(/(?<=[/:@])/).map((part, i) => (
    <Fragment key={i}>
      {i > 0 && <wbr />}
      {part}
    </Fragment>
  ));
}

/** Why Undo to this revision cannot be asked for, or undefined when it can. */
function undoBlocked(v: KubernetesRevision, undo: ActionState | undefined): string | undefined {
  if (v.current) return `Revision ${v.revision} is the current template: undo to it changes nothing.`;
  if (!undo) return 'Undo is not offered for this rollout.';
  return undo.enabled ? undefined : (undo.reason ?? 'Undo is not available now.');
}

function UndoButton({
  v,
  undo,
  onUndo,
}: {
  v: KubernetesRevision;
  undo: ActionState | undefined;
  onUndo: (n: number) => void;
}) {
  const blocked = undoBlocked(v, undo);
  const reasonId = `undo-reason-${v.revision}`;
  return (
    <span className="action-wrap">
      <button
        type="button"
        className="btn btn-small"
        data-testid={`undo-revision-${v.revision}`}
        aria-disabled={blocked !== undefined}
        aria-describedby={blocked ? reasonId : undefined}
        aria-busy={undo?.pending || undefined}
        title={blocked ?? `Undo to revision ${v.revision}: a new revision from its pod template`}
        onClick={() => {
          if (!blocked) onUndo(v.revision);
        }}
      >
        Undo<span className="visually-hidden"> to revision {v.revision}</span>
      </button>
      {blocked && (
        <span id={reasonId} role="tooltip" className="action-reason">
          {blocked}
        </span>
      )}
    </span>
  );
}

export function RevisionsPanel({ k, undo, onUndo, now }: RevisionsPanelProps) {
  const revisions = revisionsNewestFirst(k);
  return (
    <section
      className="panel revisions-panel"
      aria-labelledby="revisions-title"
      data-testid="revisions-panel"
    >
      <h2 id="revisions-title" className="panel-title">
        Revisions <span className="panel-count">{revisions.length}</span>
      </h2>
      {revisions.length === 0 ? (
        <p className="muted">No ReplicaSet of this rollout has a revision yet.</p>
      ) : (
        <table className="revisions">
          <thead>
            <tr>
              <th scope="col">Revision</th>
              <th scope="col">Role</th>
              <th scope="col">Images</th>
              <th scope="col">Pods</th>
              <th scope="col">Last ran</th>
              <th scope="col">
                <span className="visually-hidden">Undo</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {revisions.map((v) => {
              const role = ROLE_LOOK[v.role];
              return (
                <tr
                  key={v.revision}
                  data-testid={`revision-${v.revision}`}
                  data-role={v.role}
                  className={`revision revision-${v.role}`}
                  aria-current={v.current ? 'true' : undefined}
                >
                  <td className="tabular">
                    <strong>{v.revision}</strong>
                    {v.current && <span className="tag revision-current">current template</span>}
                    <div className="muted revision-rs" title="ReplicaSet">
                      {v.replicaSet}
                    </div>
                  </td>
                  <td>
                    <span className={`revision-role role-${v.role}`}>
                      <StatusIcon name={role.icon} />
                      {role.word}
                    </span>
                  </td>
                  <td className="revision-images-cell">
                    <ul className="revision-images">
                      {v.images.map((i) => (
                        <li key={i.container}>
                          <span className="muted">{i.container}=</span>
                          <ImageRef image={i.image} />
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td className="tabular">
                    {v.replicas === 0 && v.readyReplicas === 0 ? (
                      <span className="muted">scaled down</span>
                    ) : (
                      `${v.readyReplicas}/${v.replicas} ready`
                    )}
                  </td>
                  <td className="tabular" title={`${formatDateTime(v.lastRanAt)} UTC`}>
                    {lastRan(v, now)}
                  </td>
                  <td className="revision-undo">
                    <UndoButton v={v} undo={undo} onUndo={onUndo} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
