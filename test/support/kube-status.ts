// The metav1.Status bodies the Kubernetes API server answers errors with, word for word as
// k8s.io/apimachinery's errors package and the apiserver's authorization filter write them, so an
// adapter's error handling is tested against the messages a real cluster sends.

export interface KubeStatus {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: string;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    causes?: { reason?: string; message: string; field?: string }[];
  };
  code: number;
}

/** How a resource is named in messages: `rollouts.argoproj.io`, `replicasets.apps`, `namespaces`. */
export interface GroupResource {
  group: string;
  resource: string;
}

const qualified = ({ group, resource }: GroupResource) => (group ? `${resource}.${group}` : resource);

function status(code: number, reason: string, message: string, details?: KubeStatus['details']): KubeStatus {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  };
}

function detailsOf(gr: GroupResource, name?: string): NonNullable<KubeStatus['details']> {
  return { ...(name ? { name } : {}), ...(gr.group ? { group: gr.group } : {}), kind: gr.resource };
}

export const unauthorized = () => status(401, 'Unauthorized', 'Unauthorized');

export interface ForbiddenRequest {
  user: string;
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

/** As the apiserver's ForbiddenStatusError: who cannot do what, where. */
export function forbidden(r: ForbiddenRequest): KubeStatus {
  const resource = r.subresource ? `${r.resource}/${r.subresource}` : r.resource;
  const where = r.namespace ? `in the namespace "${r.namespace}"` : 'at the cluster scope';
  const why = `User "${r.user}" cannot ${r.verb} resource "${resource}" in API group "${r.group}" ${where}`;
  const gr = { group: r.group, resource: r.resource };
  const subject = r.name ? `${qualified(gr)} "${r.name}"` : qualified(gr);
  return status(403, 'Forbidden', `${subject} is forbidden: ${why}`, detailsOf(gr, r.name));
}

export const notFound = (gr: GroupResource, name: string) =>
  status(404, 'NotFound', `${qualified(gr)} "${name}" not found`, detailsOf(gr, name));

/** A path the server serves nothing at (an unknown resource or subresource of a known group). */
export const noSuchResource = () =>
  status(404, 'NotFound', 'the server could not find the requested resource', {});

export const conflict = (gr: GroupResource, name: string) =>
  status(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualified(gr)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    detailsOf(gr, name),
  );

/** A watch from a resourceVersion older than the compacted history, as an ERROR event's object. */
export const watchExpired = (requested: number, oldest: number) =>
  status(410, 'Expired', `too old resource version: ${requested} (${oldest})`);

export const listExpired = () =>
  status(410, 'Expired', 'The resourceVersion for the provided list is too old.');

export const continueExpired = () =>
  status(
    410,
    'Expired',
    'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
  );

export const unsupportedMediaType = (accepted: string[]) =>
  status(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`,
  );

/** A JSON patch that cannot be applied (a failed `test`, a missing path): the server keeps the cause to itself. */
export const patchNotApplicable = () =>
  status(422, 'Invalid', 'the server rejected our request due to an error in our request', {});

export const invalid = (gr: GroupResource, name: string, field: string, message: string) =>
  status(422, 'Invalid', `${qualified(gr)} "${name}" is invalid: ${field}: ${message}`, {
    ...detailsOf(gr, name),
    causes: [{ reason: 'FieldValueInvalid', message, field }],
  });

export const badRequest = (message: string) => status(400, 'BadRequest', message);

export const requestEntityTooLarge = (limit: number) =>
  status(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${limit}`);

/** A fault of the test server itself, with its stack, so a failing test says where. */
export const internalError = (cause: string) =>
  status(500, 'InternalError', `Internal error occurred: ${cause}`, { causes: [{ message: cause }] });

export const methodNotAllowed = () =>
  status(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');

export const tooLargeResourceVersion = (requested: number, current: number) =>
  status(504, 'Timeout', `Timeout: Too large resource version: ${requested}, current: ${current}`, {
    causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
  });
