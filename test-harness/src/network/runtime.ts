/** The kind of node a runtime starts: a Fabric node, or the CouchDB state database beside a peer. */
export type NodeKind = 'ca' | 'orderer' | 'peer' | 'couchdb';

/** Where a node listens, as the other nodes reach it (container name and fixed ports, or 127.0.0.1 and free ports). */
export interface NodePlan {
  readonly name: string;
  readonly kind: NodeKind;
  /** Host name other nodes use. */
  readonly host: string;
  /** The address the node listens on: `0.0.0.0` in a container, `127.0.0.1` locally. */
  readonly listenHost: string;
  /** Main port: CA 7054, orderer 7050, peer 7051, CouchDB 5984 inside containers. */
  readonly port: number;
  /** Operations port (`/healthz`, `/metrics`); CouchDB's is its main port (`/_up`). */
  readonly operationsPort: number;
  /** The orderer's admin (channel participation) port, or the peer's chaincode listener port; 0 for a CA or CouchDB. */
  readonly adminPort: number;
  /** Directory for configuration files (msp, tls, core.yaml). */
  readonly configDir: string;
  /** Directory for ledgers and state. */
  readonly dataDir: string;
}

/** What to run for a planned node. */
export interface NodeSpec {
  readonly plan: NodePlan;
  /**
   * The command line arguments after the binary name (`peer node start`, `orderer`, `fabric-ca-server start ...`);
   * none for CouchDB, which runs its image's own command.
   */
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /** Files to place below `plan.configDir`, by relative path. */
  readonly files: ReadonlyMap<string, string>;
  /** Extra `host:ip` entries (peers reaching the chaincode server on the host). */
  readonly extraHosts?: readonly { readonly host: string; readonly ipAddress: string }[];
}

/** A started node, with the handles the network exposes. */
export interface RunningNode {
  readonly name: string;
  /** The `host:port` this process uses to reach one of the node's ports. */
  hostAddress(port: number): string;
  /** Whether the node's process is running (false once it exited). */
  isRunning(): Promise<boolean>;
  stop(): Promise<void>;
  start(): Promise<void>;
  restart(): Promise<void>;
  pause(): Promise<void>;
  unpause(): Promise<void>;
  /** The node's output so far. */
  logs(): Promise<string>;
  /** Removes the node and everything it made. */
  remove(): Promise<void>;
  /** Cuts the node off the network's docker network (a partition); runtimes without networks leave it out. */
  disconnect?(): Promise<void>;
  /** Connects a disconnected node again; its host ports are read anew. */
  reconnect?(): Promise<void>;
}

/** How peers reach a chaincode server on this host. */
export interface ChaincodeHost {
  /** The host name peers dial (in connection.json). */
  readonly host: string;
  /** The address the server listens on here. Default: `host`. */
  readonly listenHost?: string;
  /** An extra hosts entry peers need to resolve `host`. */
  readonly extraHost?: { readonly host: string; readonly ipAddress: string };
}

/** Runs Fabric nodes: in containers on a private docker network, or as local processes for development. */
export interface NodeRuntime {
  /** The network's ID, used in names and labels. */
  readonly id: string;
  /** Plans a node's addresses and directories before its configuration is written. */
  plan(name: string, kind: NodeKind): Promise<NodePlan>;
  startNode(spec: NodeSpec): Promise<RunningNode>;
  /** How a peer reaches a chaincode server listening on this host, `host` for connection.json and an optional extra host entry. */
  chaincodeHost(): Promise<ChaincodeHost>;
  /** Where peers find the ccaas external builder. */
  readonly ccaasBuilderPath: string;
  /** Removes every node, network and directory the runtime made. */
  close(): Promise<void>;
}
