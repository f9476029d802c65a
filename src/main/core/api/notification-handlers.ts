import type { NotificationsApiOutputs } from '../../../shared/api';
import type { NotificationService } from '../notifications/notification-service';
import type { HandlersFor } from './api-handlers';

export function notificationHandlers(
  service: NotificationService,
): HandlersFor<keyof NotificationsApiOutputs> {
  return {
    'notifications.list': ({ unreadOnly }, ctx) => service.list(ctx.actor, unreadOnly),
    'notifications.markRead': (input, ctx) => service.markRead(ctx.actor, input),
  };
}
