// What the Rollout object says, fact by fact, with a warning in words where a reading disagrees or
// may be old; and what the adapter does not understand, always on show.
import type { KubernetesRolloutDetail } from '../../../shared/kubernetes-rollout';
import { CautionList } from '../../components/caution-list';
import { StatusIcon } from '../../components/status-icon';
import { kubernetesFacts } from './kubernetes-facts';

export function KubernetesFactsPanel({ k }: { k: KubernetesRolloutDetail }) {
  return (
    <section
      className="panel kubernetes-facts"
      aria-labelledby="kubernetes-facts-title"
      data-testid="kubernetes-facts"
    >
      <h2 id="kubernetes-facts-title" className="panel-title">
        Kubernetes
      </h2>
      <dl className="facts">
        {kubernetesFacts(k).map((f) => (
          <div key={f.key} className={`fact${f.warning ? ' has-warning' : ''}`} data-testid={`fact-${f.key}`}>
            <dt>{f.label}</dt>
            <dd>
              <span className="fact-value">{f.value}</span>
              {f.warning && (
                <span className="fact-warning" data-testid={`fact-${f.key}-warning`}>
                  <StatusIcon name="warning" />
                  {f.warning}
                </span>
              )}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** Parts of the Rollout the adapter could not map (an unknown step, strategy or field): never hidden. */
export function UnknownFields({ unknown }: { unknown: readonly string[] }) {
  const one = unknown.length === 1;
  return (
    <CautionList
      title={`The control room does not understand ${one ? 'one part' : `${unknown.length} parts`} of this Rollout; what it shows leaves ${one ? 'it' : 'them'} out:`}
      items={unknown}
      testId="unknown-fields"
      className="unknown-fields"
      role="status"
    />
  );
}
