// The release sets API: the sets defined with their runs, and starting, pausing, resuming and
// aborting one set in one environment. The actor is the caller's, from its credential.
import type { ReleaseSetsApiOutputs } from '../../../shared/api';
import type { ReleaseSetService } from '../release-sets/release-set-service';
import type { HandlersFor } from './api-handlers';

export function releaseSetHandlers(sets: ReleaseSetService): HandlersFor<keyof ReleaseSetsApiOutputs> {
  return {
    'sets.list': () => sets.list(),
    'sets.show': ({ set, environment }) => sets.show(set, environment),
    'sets.start': (input, ctx) => sets.start(input, ctx.actor),
    'sets.pause': (input, ctx) => sets.pause(input, ctx.actor),
    'sets.resume': (input, ctx) => sets.resume(input, ctx.actor),
    'sets.abort': (input, ctx) => sets.abort(input, ctx.actor),
  };
}
