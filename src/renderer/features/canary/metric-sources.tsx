// Per side, what the judge read: the query as the metrics backend ran it (the resolved PromQL),
// how many samples it gave, and a link to the same query in Prometheus's graph page.
import type { MetricJudgement, MetricSource } from '../../../shared/canary';
import { StatusIcon } from '../../components/status-icon';

function Side({ side, version, source }: { side: string; version: string; source: MetricSource }) {
  return (
    <div className="canary-source" data-testid={`canary-source-${side}`}>
      <dt>
        {side} {version}
      </dt>
      <dd>
        {source.query !== undefined && <code className="canary-source-query">{source.query}</code>}
        <span className="canary-source-facts tabular">
          {source.error === undefined ? (
            <span data-testid="canary-source-samples">
              {source.samples} {source.samples === 1 ? 'sample' : 'samples'}
            </span>
          ) : (
            <span className="canary-source-error" data-testid="canary-source-error">
              <StatusIcon name="disconnected" />
              not read: {source.error}
            </span>
          )}
          {source.link !== undefined && (
            <a href={source.link} target="_blank" rel="noreferrer noopener" data-testid="canary-source-link">
              Open in Prometheus
            </a>
          )}
        </span>
      </dd>
    </div>
  );
}

export function MetricSources({
  metric,
  versions,
}: {
  metric: MetricJudgement;
  versions: { baseline: string; canary: string };
}) {
  if (!metric.sources) return null;
  return (
    <section className="canary-sources" aria-label="Queries read">
      <h3 className="canary-sources-title">Queries read</h3>
      <dl>
        <Side side="baseline" version={versions.baseline} source={metric.sources.baseline} />
        <Side side="canary" version={versions.canary} source={metric.sources.canary} />
      </dl>
    </section>
  );
}
