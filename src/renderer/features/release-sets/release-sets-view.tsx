import { errorMessage } from '../../api/api-error';
import { useReleaseSetList } from '../../api/use-release-sets';
import { navigate, routeHref } from '../../app/routes';
import { SetStateBadge } from './set-badges';
import { SET_STATE_WORDS, membersInShort } from './set-words';
import './release-sets.css';

/** Every release set: its members in short, where it is defined, and its run in each environment. */
export function ReleaseSetsView() {
  const list = useReleaseSetList();
  const sets = list.data;
  return (
    <section className="release-sets-view" aria-labelledby="sets-title">
      <div className="view-head">
        <h1 id="sets-title" className="view-title">
          Release sets
        </h1>
        <span className="muted">Components released together, in order, each gated on the one before</span>
      </div>
      {list.isError && (
        <p className="banner banner-error" role="alert">
          Could not load the release sets: {errorMessage(list.error)}
          {sets ? ' — showing the last list received.' : ''}
        </p>
      )}
      {!sets && !list.isError && <p className="loading">Loading release sets…</p>}
      {sets && (
        <table className="list-table" aria-label="Release sets">
          <thead>
            <tr>
              <th scope="col">Set</th>
              <th scope="col">Members, in order</th>
              <th scope="col">Source</th>
              <th scope="col">Runs</th>
            </tr>
          </thead>
          <tbody>
            {sets.length === 0 && (
              <tr>
                <td colSpan={4} className="muted">
                  No release sets yet. Define them under releaseSets: in config.yaml or as files in the
                  workspace&apos;s sets/ folder.
                </td>
              </tr>
            )}
            {sets.map(({ definition, runs }) => (
              <tr
                key={definition.name}
                className="list-row"
                data-testid={`set-row-${definition.name}`}
                onClick={() => navigate({ name: 'set', id: definition.name })}
              >
                <td>
                  <a
                    href={routeHref({ name: 'set', id: definition.name })}
                    onClick={(e) => e.stopPropagation()}
                  >
                    {definition.name}
                  </a>
                  {definition.description && <div className="muted small">{definition.description}</div>}
                </td>
                <td>
                  <code className="set-members-short">{membersInShort(definition.members)}</code>
                </td>
                <td className="muted small set-source">{definition.source}</td>
                <td>
                  {runs.length === 0 ? (
                    <span className="muted">Not started in any environment</span>
                  ) : (
                    <ul className="set-runs">
                      {runs.map((run) => (
                        <li
                          key={run.environment}
                          className="set-run"
                          data-testid={`set-run-${definition.name}-${run.environment}`}
                        >
                          <span className="set-run-env">{run.environment}</span>
                          <SetStateBadge state={run.state} />
                          {run.verdict.toLowerCase() !== SET_STATE_WORDS[run.state].toLowerCase() && (
                            <span className="set-run-verdict">{run.verdict}</span>
                          )}
                        </li>
                      ))}
                    </ul>
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
