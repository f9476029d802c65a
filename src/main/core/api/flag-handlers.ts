// The flags API. Placeholder until the flags service is composed: every call says so plainly.
import type { FlagsApiOutputs } from '../../../shared/api';
import { ApiError } from './api-error';
import type { HandlersFor } from './api-handlers';

function notYet(): never {
  throw new ApiError('unavailable', 'feature flags are not connected in this build');
}

export function flagHandlers(): HandlersFor<keyof FlagsApiOutputs> {
  return {
    'flags.list': notYet,
    'flags.show': notYet,
    'flags.change': notYet,
    'flags.compare': notYet,
  };
}
