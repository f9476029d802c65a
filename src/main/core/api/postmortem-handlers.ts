import type { PostmortemApiOutputs } from '../../../shared/api';
import type { PostmortemService } from '../incidents/postmortem-service';
import type { HandlersFor } from './api-handlers';

export function postmortemHandlers(service: PostmortemService): HandlersFor<keyof PostmortemApiOutputs> {
  return {
    'incidents.postmortem': (input) => service.draft(input),
  };
}
