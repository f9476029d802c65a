// One handler per API method. Each feature contributes its handlers; the shells compose them, so
// adding a feature touches no transport.
import type { ApiMethod, ApiOutput, ApiParsedInput } from '../../../shared/api';

export interface CallContext {
  role: 'operator' | 'observer';
  /** Who acts when the request names nobody. */
  actor: string;
}

export type ApiHandler<M extends ApiMethod> = (
  input: ApiParsedInput<M>,
  ctx: CallContext,
) => ApiOutput<M> | Promise<ApiOutput<M>>;

export type ApiHandlers = { [M in ApiMethod]: ApiHandler<M> };
export type HandlersFor<M extends ApiMethod> = { [K in M]: ApiHandler<K> };
