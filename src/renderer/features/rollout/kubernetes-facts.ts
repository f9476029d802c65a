// What the Rollout object itself says, beside the common model: each fact in words, and a warning
// where two readings disagree or a reading may be old, so the screen never states more than it knows.
import type { KubernetesRolloutDetail } from '../../../shared/kubernetes-rollout';
import { formatDateTime } from '../../components/format-time';
import { revisionOfHash } from './revision-words';

export interface KubernetesFact {
  /** The data-testid of its row: `fact-<key>`. */
  key: string;
  label: string;
  value: string;
  /** Said beside the value with a warning icon: a mismatch, an unverified or old reading. */
  warning?: string;
}

const yesNo = (b: boolean) => (b ? 'yes' : 'no');

/** "generation 9, observed 8: the phase shown may be old", or undefined when it is current. */
export function phaseDoubt(k: KubernetesRolloutDetail): string | undefined {
  if (k.phaseTrusted) return undefined;
  const observed =
    k.observedGeneration === undefined ? 'not observed yet' : `observed ${k.observedGeneration}`;
  return `generation ${k.generation}, ${observed}: the phase shown may be old`;
}

function phaseFact(k: KubernetesRolloutDetail): KubernetesFact {
  const said =
    k.phase === undefined ? 'none yet' : `${k.phase}${k.phaseMessage ? `: ${k.phaseMessage}` : ''}`;
  const doubt = phaseDoubt(k);
  return {
    key: 'phase',
    label: 'Argo phase',
    value: doubt ? `${said} (not yet observed)` : said,
    ...(doubt ? { warning: doubt } : {}),
  };
}

/** The weight as the controller set it and as the traffic router reports it: both, and whether they agree. */
function weightFact(w: NonNullable<KubernetesRolloutDetail['weights']>): KubernetesFact {
  const actual =
    w.actual === undefined ? 'the traffic router reports none' : `traffic router reports ${w.actual}%`;
  const warnings: string[] = [];
  if (w.actual !== undefined && w.actual !== w.set)
    warnings.push(`the traffic router sends ${w.actual}% to the canary, not the ${w.set}% set`);
  if (w.verified === false) warnings.push('the traffic router has not verified the weight');
  return {
    key: 'weight',
    label: 'Canary weight',
    value: `set ${w.set}% · ${actual}`,
    ...(warnings.length > 0 ? { warning: warnings.join('; ') } : {}),
  };
}

function hashFact(k: KubernetesRolloutDetail): KubernetesFact {
  const named = (hash: string | undefined) => {
    if (hash === undefined) return 'none';
    const v = revisionOfHash(k, hash);
    return v ? `${hash} (revision ${v.revision})` : hash;
  };
  const same = k.stableRS !== undefined && k.stableRS === k.currentPodHash;
  return {
    key: 'pod-hash',
    label: 'Stable vs current',
    value: `stable ${named(k.stableRS)} · current ${named(k.currentPodHash)}${same ? ': the same' : ''}`,
  };
}

export function kubernetesFacts(k: KubernetesRolloutDetail): KubernetesFact[] {
  const facts: KubernetesFact[] = [
    { key: 'object', label: 'Rollout', value: `${k.namespace}/${k.name}` },
    {
      key: 'generation',
      label: 'Generation',
      value: `${k.generation}, observed ${k.observedGeneration ?? 'never'} · resourceVersion ${k.resourceVersion}`,
    },
    phaseFact(k),
  ];
  if (k.weights) facts.push(weightFact(k.weights));
  facts.push(
    {
      key: 'paused',
      label: 'Paused',
      value: `spec.paused ${yesNo(k.specPaused)} · controller pause ${yesNo(k.controllerPause)}`,
    },
    {
      key: 'abort',
      label: 'Abort',
      value: k.abort ? `yes${k.abortedAt ? `, since ${formatDateTime(k.abortedAt)} UTC` : ''}` : 'no',
    },
    {
      key: 'promote-full',
      label: 'Promote full',
      value: k.promoteFull ? 'yes: the remaining steps are skipped' : 'no',
    },
    hashFact(k),
  );
  const bg = k.blueGreen;
  if (bg) {
    const selector = (s: string | undefined) => (s ? ` → ${s}` : '');
    facts.push(
      {
        key: 'active-service',
        label: 'Active service',
        value: `${bg.activeService}${selector(bg.activeSelector)}`,
      },
      {
        key: 'preview-service',
        label: 'Preview service',
        value: bg.previewService ? `${bg.previewService}${selector(bg.previewSelector)}` : 'none',
      },
      {
        key: 'auto-promotion',
        label: 'Auto promotion',
        value: bg.autoPromotionEnabled ? 'enabled' : 'disabled: a person promotes the preview',
      },
    );
    if (bg.prePromotionAnalysis?.length)
      facts.push({
        key: 'pre-promotion',
        label: 'Pre-promotion analysis',
        value: bg.prePromotionAnalysis.join(', '),
      });
    if (bg.postPromotionAnalysis?.length)
      facts.push({
        key: 'post-promotion',
        label: 'Post-promotion analysis',
        value: bg.postPromotionAnalysis.join(', '),
      });
  }
  return facts;
}
