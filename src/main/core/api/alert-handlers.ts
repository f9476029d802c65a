import type { AlertsApiOutputs } from '../../../shared/api';
import type { AlertService } from '../alerts/alert-service';
import type { PlaybookLibrary } from '../alerts/playbook-library';
import type { HandlersFor } from './api-handlers';

export function alertHandlers(
  alerts: AlertService,
  playbooks: PlaybookLibrary,
): HandlersFor<keyof AlertsApiOutputs> {
  return {
    'alerts.list': () => alerts.overview(),
    'alerts.silence': (input, ctx) => alerts.silence(input, ctx.actor),
    'playbooks.list': () => playbooks.list(),
    'alerts.coverage': () => alerts.coverage(),
  };
}
