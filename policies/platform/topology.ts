/** The well-known node label of a node's zone: workloads spread over it, the placement rules read it. */
export const ZONE_TOPOLOGY_KEY = "topology.kubernetes.io/zone";
