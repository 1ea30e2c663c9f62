import type { NodePlan } from './runtime';

/** An organization's planned CA and nodes. */
export interface PlannedOrg {
  readonly name: string;
  readonly mspId: string;
  readonly caPlan: NodePlan;
  readonly nodePlans: readonly NodePlan[];
  /** The CouchDB beside each peer with `stateDatabase: 'couchdb'`, by peer name. */
  readonly couchDbPlans: ReadonlyMap<string, NodePlan>;
  readonly kind: 'peer' | 'orderer';
}
