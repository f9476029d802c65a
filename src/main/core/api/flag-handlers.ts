// The flags API: every flag per environment, one flag, and a change (enable, the kill switch, a
// rollout share). The comparison around a flip is another feature's: it is plugged in as `compare`.
import type { FlagsApiOutputs } from '../../../shared/api';
import type { FlagsService } from '../flags/flags-service';
import { ApiError } from './api-error';
import type { ApiHandler, HandlersFor } from './api-handlers';

export function flagHandlers(
  flags: FlagsService,
  compare?: ApiHandler<'flags.compare'>,
): HandlersFor<keyof FlagsApiOutputs> {
  return {
    'flags.list': (input) => flags.list(input),
    'flags.show': (input) => flags.show(input),
    'flags.change': (input, ctx) => flags.change(input, ctx.actor),
    'flags.compare':
      compare ??
      (async (input) => {
        // An unknown flag is not-found whether or not comparisons are built in.
        await flags.find(input.flag, input.environment, input.connection);
        throw new ApiError('unavailable', 'comparing a metric around a flag flip is not in this build');
      }),
  };
}
