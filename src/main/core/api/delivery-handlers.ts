import type { DeliveryApiOutputs } from '../../../shared/api';
import type { AuditRecord } from '../../../shared/domain';
import type { Clock } from '../clock';
import { deliveryMetrics } from '../delivery/delivery-metrics';
import { deliveryPeriod } from '../delivery/delivery-period';
import { deliveryEvents, type PlaceOf } from '../delivery/deployment-history';
import { flagDeliveryEvents } from '../delivery/flag-change-history';
import type { HandlersFor } from './api-handlers';

export interface DeliveryDeps {
  /** The whole audit log in order (recovery and rework look back before the period). */
  history(): readonly AuditRecord[];
  place: PlaceOf;
  clock: Clock;
}

export function deliveryHandlers(deps: DeliveryDeps): HandlersFor<keyof DeliveryApiOutputs> {
  return {
    'delivery.metrics': (input) => {
      const { since, until } = deliveryPeriod(input, deps.clock.now());
      const history = deps.history();
      return deliveryMetrics(deliveryEvents(history, deps.place), since, until, flagDeliveryEvents(history));
    },
  };
}
