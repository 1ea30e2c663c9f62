/** Where a node's files live, and the ports it listens on (inside its container, or on the host for a local run). */
export interface NodeLayout {
  readonly mspId: string;
  /** Directory of the local MSP (signcerts, keystore, cacerts, config.yaml). */
  readonly mspDir: string;
  /** Directory with `ca.crt`, `server.crt`, `server.key`. */
  readonly tlsDir: string;
  /** Directory for ledgers and state. */
  readonly dataDir: string;
  /** The address to listen on: `0.0.0.0` in a container, `127.0.0.1` on the host. */
  readonly listenHost: string;
  /** The main gRPC port (7050 for orderers, 7051 for peers in containers). */
  readonly port: number;
  /** The operations (`/healthz`, `/metrics`) port. */
  readonly operationsPort: number;
}

/** An orderer's layout: adds the channel participation admin port. */
export interface OrdererLayout extends NodeLayout {
  readonly adminPort: number;
}

/** A peer's layout: adds its own address, as other peers and clients reach it, and the chaincode port. */
export interface PeerLayout extends NodeLayout {
  /** `host:port` other nodes use for this peer (gossip endpoint and external endpoint). */
  readonly externalAddress: string;
  /** The port of the peer's chaincode listener (unused by chaincode as a service, but bound). */
  readonly chaincodePort: number;
  /** The peer's ID, for example `peer0.org1`. */
  readonly peerId: string;
  /** Anchor or bootstrap peers of the same organization, `host:port`. Default: none. */
  readonly bootstrapPeers?: readonly string[];
  /** The peer's CouchDB, when its state database is CouchDB. Default: none (LevelDB). */
  readonly couchDb?: CouchDbConnection;
  /** `ledger.state.totalQueryLimit`. Default: core.yaml's (100000). */
  readonly totalQueryLimit?: number;
  /** `ledger.state.couchDBConfig.internalQueryLimit`. Default: core.yaml's (1000). */
  readonly internalQueryLimit?: number;
}

/** How a peer reaches its CouchDB: `host:port` on the docker network and the admin it logs in as. */
export interface CouchDbConnection {
  readonly address: string;
  readonly username: string;
  readonly password: string;
}

/**
 * Environment for an orderer with channel participation (no system channel), TLS on, the admin endpoint
 * with mutual TLS, and Prometheus metrics on the operations endpoint.
 */
export function ordererEnvironment(layout: OrdererLayout): Record<string, string> {
  const tls = (file: string): string => `${layout.tlsDir}/${file}`;
  return {
    ORDERER_GENERAL_LISTENADDRESS: layout.listenHost,
    ORDERER_GENERAL_LISTENPORT: String(layout.port),
    ORDERER_GENERAL_LOCALMSPID: layout.mspId,
    ORDERER_GENERAL_LOCALMSPDIR: layout.mspDir,
    ORDERER_GENERAL_TLS_ENABLED: 'true',
    ORDERER_GENERAL_TLS_PRIVATEKEY: tls('server.key'),
    ORDERER_GENERAL_TLS_CERTIFICATE: tls('server.crt'),
    ORDERER_GENERAL_TLS_ROOTCAS: `[${tls('ca.crt')}]`,
    ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE: tls('server.crt'),
    ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY: tls('server.key'),
    ORDERER_GENERAL_CLUSTER_ROOTCAS: `[${tls('ca.crt')}]`,
    ORDERER_GENERAL_BOOTSTRAPMETHOD: 'none',
    ORDERER_CHANNELPARTICIPATION_ENABLED: 'true',
    ORDERER_ADMIN_LISTENADDRESS: `${layout.listenHost}:${layout.adminPort}`,
    ORDERER_ADMIN_TLS_ENABLED: 'true',
    ORDERER_ADMIN_TLS_CERTIFICATE: tls('server.crt'),
    ORDERER_ADMIN_TLS_PRIVATEKEY: tls('server.key'),
    ORDERER_ADMIN_TLS_ROOTCAS: `[${tls('ca.crt')}]`,
    ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED: 'true',
    ORDERER_ADMIN_TLS_CLIENTROOTCAS: `[${tls('ca.crt')}]`,
    ORDERER_OPERATIONS_LISTENADDRESS: `${layout.listenHost}:${layout.operationsPort}`,
    ORDERER_METRICS_PROVIDER: 'prometheus',
    ORDERER_FILELEDGER_LOCATION: `${layout.dataDir}/ledger`,
    ORDERER_CONSENSUS_WALDIR: `${layout.dataDir}/etcdraft/wal`,
    ORDERER_CONSENSUS_SNAPDIR: `${layout.dataDir}/etcdraft/snapshot`,
  };
}

/**
 * Environment for a peer: TLS on, NodeOUs through its MSP, gossip within its organization, the ccaas builder
 * the image ships (chaincode runs as a service), and Prometheus metrics on the operations endpoint.
 * The core.yaml it runs with must have `vm.endpoint: ""` (see {@link peerCoreYaml}).
 */
export function peerEnvironment(layout: PeerLayout): Record<string, string> {
  const tls = (file: string): string => `${layout.tlsDir}/${file}`;
  const bootstrap = layout.bootstrapPeers ?? [];
  return {
    CORE_PEER_ID: layout.peerId,
    CORE_PEER_LOCALMSPID: layout.mspId,
    CORE_PEER_MSPCONFIGPATH: layout.mspDir,
    CORE_PEER_LISTENADDRESS: `${layout.listenHost}:${layout.port}`,
    CORE_PEER_CHAINCODELISTENADDRESS: `${layout.listenHost}:${layout.chaincodePort}`,
    CORE_PEER_ADDRESS: layout.externalAddress,
    CORE_PEER_GOSSIP_ENDPOINT: layout.externalAddress,
    CORE_PEER_GOSSIP_EXTERNALENDPOINT: layout.externalAddress,
    CORE_PEER_GOSSIP_BOOTSTRAP: bootstrap.join(' '),
    // Faster gossip than Fabric's defaults (seconds), so peers of other organizations become known, and
    // so endorsable through the gateway, within a second of joining a channel; state info (ledger height and the
    // chaincodes a peer has, which discovery answers from) every 100 ms, so a new definition is endorsable at once.
    CORE_PEER_GOSSIP_MEMBERSHIPTRACKERINTERVAL: '250ms',
    CORE_PEER_GOSSIP_PUBLISHSTATEINFOINTERVAL: '100ms',
    CORE_PEER_GOSSIP_PULLINTERVAL: '1s',
    CORE_PEER_GOSSIP_ALIVETIMEINTERVAL: '1s',
    CORE_PEER_GOSSIP_ALIVEEXPIRATIONTIMEOUT: '10s',
    CORE_PEER_GOSSIP_RECONNECTINTERVAL: '1s',
    CORE_PEER_TLS_ENABLED: 'true',
    CORE_PEER_TLS_CERT_FILE: tls('server.crt'),
    CORE_PEER_TLS_KEY_FILE: tls('server.key'),
    CORE_PEER_TLS_ROOTCERT_FILE: tls('ca.crt'),
    CORE_PEER_FILESYSTEMPATH: layout.dataDir,
    CORE_OPERATIONS_LISTENADDRESS: `${layout.listenHost}:${layout.operationsPort}`,
    CORE_METRICS_PROVIDER: 'prometheus',
    CORE_LEDGER_SNAPSHOTS_ROOTDIR: `${layout.dataDir}/snapshots`,
    ...ledgerStateEnvironment(layout),
  };
}

/** `ledger.state` of core.yaml: the state database and the query limits, where they differ from the defaults. */
function ledgerStateEnvironment(layout: PeerLayout): Record<string, string> {
  const env: Record<string, string> = {};
  if (layout.totalQueryLimit !== undefined) env.CORE_LEDGER_STATE_TOTALQUERYLIMIT = String(layout.totalQueryLimit);
  if (layout.couchDb !== undefined) {
    env.CORE_LEDGER_STATE_STATEDATABASE = 'CouchDB';
    env.CORE_LEDGER_STATE_COUCHDBCONFIG_COUCHDBADDRESS = layout.couchDb.address;
    env.CORE_LEDGER_STATE_COUCHDBCONFIG_USERNAME = layout.couchDb.username;
    env.CORE_LEDGER_STATE_COUCHDBCONFIG_PASSWORD = layout.couchDb.password;
    if (layout.internalQueryLimit !== undefined) {
      env.CORE_LEDGER_STATE_COUCHDBCONFIG_INTERNALQUERYLIMIT = String(layout.internalQueryLimit);
    }
  }
  return env;
}
