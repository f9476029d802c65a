// Which service and environment an alert is about, from its labels: what ties it to rollouts.
export function alertPlace(labels: Record<string, string>): { service?: string; environment?: string } {
  const service = labels.service ?? labels.app;
  const environment = labels.environment ?? labels.env;
  return {
    ...(service ? { service } : {}),
    ...(environment ? { environment } : {}),
  };
}
