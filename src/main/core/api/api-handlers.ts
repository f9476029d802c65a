// One handler per API method. Each feature contributes its handlers; the shells compose them, so
// adding a feature touches no transport.
import type { ApiMethod, ApiOutput, ApiParsedInput, Role } from '../../../shared/api';

export interface CallContext {
  role: Role;
  /**
   * Who is calling, from the credential: the invitation's person in browser mode, the configured
   * actor or OS user in the desktop app and the in-process CLI. No request body can change it.
   */
  actor: string;
}

export type ApiHandler<M extends ApiMethod> = (
  input: ApiParsedInput<M>,
  ctx: CallContext,
) => ApiOutput<M> | Promise<ApiOutput<M>>;

export type ApiHandlers = { [M in ApiMethod]: ApiHandler<M> };
export type HandlersFor<M extends ApiMethod> = { [K in M]: ApiHandler<K> };
