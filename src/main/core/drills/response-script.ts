// Scripted responses for a headless drill (`drill run --script responses.yaml`): actions at
// simulated offsets or when a condition first holds, applied through the same action path as a
// person's. Checked against the scenario, so an action on a rollout that does not exist is an
// error with its file:line before the drill starts.
import { z } from 'zod';
import { ACTIONS } from '../../../shared/domain';
import { durationSchema } from '../config/duration';
import { offsetSchema, rolloutIdsOf, type ScenarioFile } from './scenario-schema';

export const SCRIPT_ACTIONS = [...ACTIONS, 'investigate', 'revert-config', 'flag-disable'] as const;
export type ScriptActionName = (typeof SCRIPT_ACTIONS)[number];

export type ScriptCondition =
  | { kind: 'steady-state-broken' }
  | { kind: 'steady-state-holds' }
  | { kind: 'inject'; id: string }
  | { kind: 'probe-fails'; name: string };

const conditionSchema = z.string().transform((text, ctx): ScriptCondition => {
  const t = text.trim();
  if (t === 'steady-state-broken' || t === 'steady-state-holds') return { kind: t };
  const inject = /^inject\s+(\S+)$/.exec(t);
  if (inject) return { kind: 'inject', id: inject[1] as string };
  const probe = /^probe\s+(.+?)\s+fails$/.exec(t);
  if (probe) return { kind: 'probe-fails', name: probe[1] as string };
  ctx.addIssue({
    code: 'custom',
    message: `"${t}" is not a condition: use steady-state-broken, steady-state-holds, "inject <id>" or "probe <name> fails"`,
  });
  return z.NEVER;
});

const responseSchema = z
  .object({
    at: offsetSchema.optional(),
    when: conditionSchema.optional(),
    /** After `when` first holds, wait this long (reaction time). */
    after: durationSchema.default(0),
    action: z.enum(SCRIPT_ACTIONS),
    rollout: z.string().min(1).optional(),
    toVersion: z.union([z.string(), z.number()]).transform(String).optional(),
    config: z.string().min(1).optional(),
    /** For flag-disable: the flag and the environment to turn it off in. */
    flag: z.string().min(1).optional(),
    environment: z.string().min(1).optional(),
    reason: z.string().default('scripted response'),
  })
  .strict();
export type ScriptedResponse = z.output<typeof responseSchema>;

export const scriptFileSchema = z
  .object({
    actor: z.string().min(1).default('drill-script'),
    responses: z.array(responseSchema).default([]),
  })
  .strict();
export type ResponseScript = z.output<typeof scriptFileSchema>;

/** The script's schema with every reference checked against the scenario it is run with. */
export function responseScriptSchema(scenario: ScenarioFile) {
  const rollouts = rolloutIdsOf(scenario.fleet);
  const injects = scenario.timeline.map((t) => t.id);
  const probes = scenario.steadyState.probes.map((p) => p.name);
  return scriptFileSchema.superRefine((script, ctx) => {
    script.responses.forEach((r, i) => {
      const issue = (field: string | undefined, message: string) =>
        ctx.addIssue({ code: 'custom', path: ['responses', i, ...(field ? [field] : [])], message });
      if ((r.at === undefined) === (r.when === undefined))
        issue(undefined, 'a response needs either at: <offset> or when: <condition>, exactly one');
      if (r.action === 'revert-config') {
        if (r.config === undefined)
          issue(undefined, 'revert-config needs config: <the config-push inject id>');
        else if (!scenario.timeline.some((t) => t.id === r.config && t.kind === 'config-push'))
          issue('config', `no config-push inject "${r.config}" in scenario ${scenario.id}`);
      } else if (r.action === 'flag-disable') {
        const flags = (scenario.fleet.flags ?? []).map((f) => f.key);
        if (r.flag === undefined || r.environment === undefined)
          issue(undefined, 'flag-disable needs flag: <key> and environment: <name>');
        else if (!flags.includes(r.flag))
          issue(
            'flag',
            `no flag "${r.flag}" in scenario ${scenario.id} (flags: ${flags.join(', ') || 'none'})`,
          );
        else if (!scenario.fleet.environments.includes(r.environment))
          issue('environment', `no environment "${r.environment}" in scenario ${scenario.id}`);
      } else if (r.rollout === undefined) issue(undefined, `${r.action} needs rollout: <id>`);
      else if (!rollouts.includes(r.rollout))
        issue(
          'rollout',
          `no rollout "${r.rollout}" in scenario ${scenario.id} (rollouts: ${rollouts.join(', ')})`,
        );
      if (r.action === 'roll-forward' && r.toVersion === undefined)
        issue(undefined, 'roll-forward needs toVersion: <version>');
      if (r.when?.kind === 'inject' && !injects.includes(r.when.id))
        issue('when', `no inject "${r.when.id}" in scenario ${scenario.id} (${injects.join(', ')})`);
      if (r.when?.kind === 'probe-fails' && !probes.includes(r.when.name))
        issue('when', `no probe "${r.when.name}" in scenario ${scenario.id} (${probes.join(', ')})`);
    });
  });
}
