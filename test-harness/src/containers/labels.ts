/** The label every container and network of a harness network carries; its value is the network ID. */
export const NETWORK_LABEL = 'org.fabric-testkit.network';
/** The label naming the node (`peer0.org1`) a container runs. */
export const NODE_LABEL = 'org.fabric-testkit.node';
