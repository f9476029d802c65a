// The release sets API. Placeholder until the release set service is composed.
import type { ReleaseSetsApiOutputs } from '../../../shared/api';
import { ApiError } from './api-error';
import type { HandlersFor } from './api-handlers';

function notYet(): never {
  throw new ApiError('unavailable', 'release sets are not available in this build');
}

export function releaseSetHandlers(): HandlersFor<keyof ReleaseSetsApiOutputs> {
  return {
    'sets.list': notYet,
    'sets.show': notYet,
    'sets.start': notYet,
    'sets.pause': notYet,
    'sets.resume': notYet,
    'sets.abort': notYet,
  };
}
