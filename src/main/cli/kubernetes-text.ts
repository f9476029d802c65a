// `rollouts show` for a rollout of a Kubernetes cluster: what Argo Rollouts reports beyond the common
// model, as a person at a terminal reads it (pause countdowns, revisions for undo, why an analysis failed).
import type { PauseCondition } from '../../shared/domain';
import type { KubernetesRolloutDetail } from '../../shared/kubernetes-rollout';

function countdown(c: PauseCondition, now: number): string {
  if (!c.until)
    return `${c.reason} since ${c.since}${c.reason === 'manual' ? '' : ', waiting for a person to promote'}`;
  const left = Math.max(0, Math.round((Date.parse(c.until) - now) / 1000));
  return `${c.reason} since ${c.since}, resumes in ${Math.floor(left / 60)}m ${left % 60}s (at ${c.until})`;
}

export function kubernetesText(k: KubernetesRolloutDetail, pauses: PauseCondition[], now: number): string[] {
  const lines = [
    `kubernetes: ${k.namespace}/${k.name}  resourceVersion ${k.resourceVersion}  generation ${k.generation} (observed ${k.observedGeneration ?? 'none'}${k.phaseTrusted ? '' : ': phase may be old'})`,
    `argo phase: ${k.phase ?? '?'}${k.phaseMessage ? ` — ${k.phaseMessage}` : ''}`,
    `flags: spec.paused=${k.specPaused} controllerPause=${k.controllerPause} abort=${k.abort}${k.abortedAt ? ` (at ${k.abortedAt})` : ''} promoteFull=${k.promoteFull}  stableRS=${k.stableRS ?? '-'} currentPodHash=${k.currentPodHash ?? '-'}`,
  ];
  if (k.weights)
    lines.push(
      `weight: set ${k.weights.set}%, traffic router reports ${k.weights.actual === undefined ? 'nothing' : `${k.weights.actual}%`}${k.weights.verified === false ? ' (not verified)' : ''}`,
    );
  if (k.blueGreen)
    lines.push(
      `blue-green: active ${k.blueGreen.activeService}${k.blueGreen.previewService ? `, preview ${k.blueGreen.previewService}` : ''}, auto-promotion ${k.blueGreen.autoPromotionEnabled ? 'on' : 'off'}`,
    );
  for (const c of pauses) lines.push(`pause: ${countdown(c, now)}`);
  lines.push('revisions (undo --to-revision N):');
  for (const r of k.revisions)
    lines.push(
      `  ${String(r.revision).padStart(3)}  ${r.role.padEnd(7)} ${r.readyReplicas}/${r.replicas} pods  ${r.images.map((i) => `${i.container}=${i.image}`).join(' ')}${r.current ? '  (current template)' : ''}`,
    );
  if (k.analysisRuns.length > 0) lines.push('analysis runs:');
  for (const run of k.analysisRuns) {
    lines.push(
      `  ${run.name}  ${run.phase}  ${run.type ?? ''}${run.stepIndex === undefined ? '' : ` step ${run.stepIndex + 1}`}${run.message ? ` — ${run.message}` : ''}`,
    );
    for (const m of run.metrics) {
      lines.push(
        `    ${m.name}: ${m.phase}  ${m.successful} ok, ${m.failed} failed, ${m.inconclusive} inconclusive, ${m.error} errors of ${m.count}${m.failureLimit === undefined ? '' : ` (failureLimit ${m.failureLimit})`}`,
      );
      if (m.successCondition) lines.push(`      success: ${m.successCondition}`);
      if (m.failureCondition) lines.push(`      failure: ${m.failureCondition}`);
      if (m.resolvedQuery) lines.push(`      ${m.provider} query: ${m.resolvedQuery}`);
      for (const x of m.measurements.slice(-5))
        lines.push(
          `      ${x.finishedAt ?? x.startedAt ?? ''}  ${x.phase.padEnd(12)} ${x.value ?? ''}${x.message ? ` — ${x.message}` : ''}`,
        );
    }
  }
  if (k.unknown.length > 0)
    lines.push('not understood (shown, not dropped):', ...k.unknown.map((u) => `  ! ${u}`));
  return lines;
}
