// The service a view draws when the source declares several (a CloudFormation template or
// Terraform files with more than one ECS service, or describe-services output): chosen by
// name, the first by default. Pure functions, tested in Node; the playground's picker and the
// web component's `service` attribute both use them.

/**
 * The service of `analysis` named `name`, or the first one when no service has that name.
 * Returns its index (-1 when the analysis lists no services), name, strategy and timeline; with
 * one service or none, the analysis's own strategy and timeline (they describe services[0]).
 */
export function pickService(analysis, name) {
  const services = Array.isArray(analysis?.services) ? analysis.services : [];
  if (services.length <= 1) {
    return {
      index: services.length - 1,
      name: services[0]?.name ?? null,
      strategy: analysis?.strategy ?? null,
      timeline: analysis?.timeline ?? null,
      found: name === null || name === undefined || services[0]?.name === name,
    };
  }
  const found = services.findIndex((service) => service.name === name);
  const index = found === -1 ? 0 : found;
  const service = services[index];
  return { index, name: service.name, strategy: service.strategy ?? null, timeline: service.timeline ?? null, found: found !== -1 || name === null || name === undefined };
}

/** The services' names, in source order, when there is more than one to choose from. */
export function serviceChoices(analysis) {
  const services = Array.isArray(analysis?.services) ? analysis.services : [];
  return services.length > 1 ? services.map((service) => service.name) : [];
}
