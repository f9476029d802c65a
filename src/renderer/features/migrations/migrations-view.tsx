import { errorMessage } from '../../api/api-error';
import { useMigrationList } from '../../api/use-migrations';
import { navigate, routeHref } from '../../app/routes';
import { FileProblems } from '../../components/file-problems';
import { StatusIcon } from '../../components/status-icon';
import { PhaseStateBadge } from './migration-status';
import './migrations.css';

/** Every plan with its current phase, what is failing, and whether the next phase may start. */
export function MigrationsView() {
  const list = useMigrationList();
  const data = list.data;
  return (
    <section className="migrations-view" aria-labelledby="migrations-title">
      <div className="view-head">
        <h1 id="migrations-title" className="view-title">
          Schema migrations
        </h1>
        {data && <span className="muted">Plans from {data.source}</span>}
      </div>
      {list.isError && (
        <p className="banner banner-error" role="alert">
          Could not load the plans: {errorMessage(list.error)}
        </p>
      )}
      {data && (
        <FileProblems
          heading="Plan files that could not be read:"
          problems={data.problems}
          testId="migration-problems"
          className="migration-problems"
        />
      )}
      {!data && !list.isError && <p className="loading">Loading plans…</p>}
      {data && (
        <table className="list-table" aria-label="Migration plans">
          <thead>
            <tr>
              <th scope="col">Plan</th>
              <th scope="col">Change</th>
              <th scope="col">Database</th>
              <th scope="col">Current phase</th>
              <th scope="col">Checklist</th>
              <th scope="col">Next phase</th>
            </tr>
          </thead>
          <tbody>
            {data.plans.length === 0 && (
              <tr>
                <td colSpan={6} className="muted">
                  No plans yet. Put plan files in the workspace&apos;s migrations/ folder.
                </td>
              </tr>
            )}
            {data.plans.map((p) => (
              <tr
                key={p.id}
                data-testid={`migration-row-${p.id}`}
                className="list-row"
                onClick={() => navigate({ name: 'migration', id: p.id })}
              >
                <td>
                  <a href={routeHref({ name: 'migration', id: p.id })} onClick={(e) => e.stopPropagation()}>
                    {p.title}
                  </a>
                  <div className="muted small">{p.id}</div>
                </td>
                <td>
                  <code>{p.change}</code>
                </td>
                <td>{p.database}</td>
                <td>
                  {p.current ? (
                    <span className="phase-cell">
                      <PhaseStateBadge state="active" />
                      <span>
                        {p.current} {p.currentTitle}
                      </span>
                    </span>
                  ) : (
                    <PhaseStateBadge state="done" />
                  )}
                </td>
                <td className="tabular">
                  {p.failingItems > 0 ? (
                    <span className="item-count failing">
                      <StatusIcon name="cross" /> {p.failingItems} failing
                    </span>
                  ) : null}
                  {p.openItems > 0 ? (
                    <span className="muted"> {p.openItems} open</span>
                  ) : (
                    p.current && <span className="item-count ok">All done</span>
                  )}
                </td>
                <td className="next-cell">
                  {p.next ? (
                    p.next.blockedBy.length > 0 ? (
                      <span title={p.next.blockedBy.join(' ')}>
                        <PhaseStateBadge state="pending" blocked /> {p.next.id} {p.next.title}:{' '}
                        <span className="muted">{p.next.blockedBy[0]}</span>
                      </span>
                    ) : (
                      <span>
                        <span className="badge mstate-passed">
                          <StatusIcon name="check" />
                          Ready
                        </span>{' '}
                        {p.next.id} {p.next.title} may start
                      </span>
                    )
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
