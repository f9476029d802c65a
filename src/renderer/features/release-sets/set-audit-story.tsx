import type { AuditRecord } from '../../../shared/domain';
import type { ReleaseSetRun } from '../../../shared/release-sets';
import { errorMessage } from '../../api/api-error';
import { useReleaseSetAudit } from '../../api/use-release-sets';
import { formatDateTime } from '../../components/format-time';

/** The record's own sentence when it has one ("checkout-2-4: started payments 5.13.0 on …"), else its target. */
function storyLine(r: AuditRecord): string {
  const message = r.details['message'];
  return typeof message === 'string' && message !== '' ? message : r.target;
}

/** The run's one audit story: start, each member's start, pause, abort, end, by seq. */
export function SetAuditStory({ run }: { run: ReleaseSetRun | undefined }) {
  const story = useReleaseSetAudit(run);
  const records = story.data ?? [];
  return (
    <section className="panel set-audit" aria-labelledby="set-audit-title">
      <h2 id="set-audit-title" className="panel-title">
        Audit story
      </h2>
      {!run || run.auditSeqs.length === 0 ? (
        <p className="muted">Nothing recorded yet in this environment.</p>
      ) : story.isError ? (
        <p className="banner banner-error" role="alert">
          Could not read the audit log: {errorMessage(story.error)}
        </p>
      ) : (
        <ol className="set-audit-list" data-testid="set-audit-story">
          {records.map((r) => (
            <li key={r.seq} className="set-audit-record" data-kind={r.kind}>
              <span className="tabular muted">#{r.seq}</span>
              <time className="tabular muted" dateTime={r.time}>
                {formatDateTime(r.time)}
              </time>
              <code>{r.kind}</code>
              <span>
                {r.actor}: {storyLine(r)}
                {r.reason ? ` — ${r.reason}` : ''}
              </span>
            </li>
          ))}
          {story.isPending && <li className="muted">Reading the audit log…</li>}
          {story.isSuccess && records.length < run.auditSeqs.length && (
            <li className="muted">
              {run.auditSeqs.length - records.length} of {run.auditSeqs.length} records not found here: see
              the audit view.
            </li>
          )}
        </ol>
      )}
    </section>
  );
}
