// The alerts part of the API contract: every source's alerts with their playbooks, silencing one
// (a reason and an end time, audited), the playbooks and their coverage.
import { z } from 'zod';
import type { AlertSourceStatus, AlertWithPlaybook, Playbook, PlaybookCoverage } from '../alerts';
import { text } from './text-input';

export interface AlertsOverview {
  alerts: AlertWithPlaybook[];
  sources: AlertSourceStatus[];
  /** Playbooks that could not be read (file:line, field), two playbooks for one alert, … */
  problems: string[];
  coverage: PlaybookCoverage;
}

export interface SilenceResult {
  silenceId: string;
  alert: string;
  endsAt: string;
  auditSeq: number;
}

export const alertsApiInputSchemas = {
  'alerts.list': z.object({}).strict(),
  /** Silence one alert (all its labels matched exactly) until `until`; the reason is audited. */
  'alerts.silence': z
    .object({
      id: text().min(1).max(300),
      until: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 time, e.g. 2026-12-03T18:00:00Z' }),
      reason: text()
        .trim()
        .min(1, 'a silence needs a reason: say why this alert may be ignored until then')
        .max(1000),
    })
    .strict(),
  'playbooks.list': z.object({}).strict(),
  'alerts.coverage': z.object({}).strict(),
} as const;

export const alertsOperatorMethods = ['alerts.silence'] as const;

export interface AlertsApiOutputs {
  'alerts.list': AlertsOverview;
  'alerts.silence': SilenceResult;
  'playbooks.list': { playbooks: Playbook[]; problems: string[] };
  'alerts.coverage': PlaybookCoverage;
}
