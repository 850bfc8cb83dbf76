/**
 * Which Kubernetes node runs each plan node: the cluster id itself by default, or the name a node-map file gives
 * it (`{"n1": "pi-kitchen"}`). Every name must be a valid node name and each plan node gets its own machine.
 */
import { errors } from '../errors';

const NODE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export const isKubernetesName = (name: string): boolean => name.length <= 253 && NODE_NAME.test(name);

/** Plan node id -> Kubernetes node name, for every plan node. `file` names the map in errors. */
export function kubernetesNodeNames(planNodes: string[], map: unknown, file = '--node-map'): Map<string, string> {
  if (map !== undefined && (typeof map !== 'object' || map === null || Array.isArray(map))) throw errors.badNodeMap(file, 'it must be one JSON object');
  const entries = Object.entries((map ?? {}) as Record<string, unknown>);
  for (const [id, name] of entries) {
    if (!planNodes.includes(id)) throw errors.badNodeMap(file, `it maps '${id.slice(0, 40)}', which is no node of the plan (plan nodes: ${planNodes.join(', ')})`);
    if (typeof name !== 'string' || !isKubernetesName(name))
      throw errors.badNodeMap(file, `'${id}' maps to ${JSON.stringify(name)?.slice(0, 60)}, which is not a Kubernetes node name (lower-case letters, digits, '-' and '.')`);
  }
  const given = new Map(entries as [string, string][]);
  const names = new Map<string, string>();
  const owners = new Map<string, string>();
  for (const id of planNodes) {
    const name = given.get(id) ?? id;
    if (!isKubernetesName(name)) throw errors.badNodeMap(file, `plan node '${id}' is not a Kubernetes node name, so it needs an entry in the node map`);
    const owner = owners.get(name);
    if (owner !== undefined) throw errors.badNodeMap(file, `plan nodes '${owner}' and '${id}' both map to Kubernetes node '${name}'; the plan puts each stage on its own device`);
    owners.set(name, id);
    names.set(id, name);
  }
  return names;
}
