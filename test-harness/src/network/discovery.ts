import { createHash } from 'node:crypto';
import { Client, credentials } from '@grpc/grpc-js';
import { discovery, gossip, msp, peer } from '@hyperledger/fabric-protos';
import { createSelfSignedTlsClientCertificate, type CertifiedKey } from '../crypto/ca-root';
import { privateKeyToPem } from '../crypto/ecdsa';
import { FabricRequestError } from '../errors';
import { unaryRequest, type PeerEndpoint } from '../lifecycle/endorser-client';
import { serializeIdentity, signWith, type SigningIdentity } from '../lifecycle/signing-identity';

/**
 * A peer of a channel as a peer's discovery service reports it: the same view (gossip membership, state info and
 * identities) the Fabric Gateway on that peer plans endorsements from (`internal/pkg/gateway/registry.go`
 * `endorsersByOrg` reads `discovery.PeersOfChannel` and each member's state info chaincodes).
 */
export interface DiscoveredPeer {
  readonly mspId: string;
  /** The peer's gossip endpoint, `host:port` as other nodes reach it. */
  readonly endpoint: string;
  readonly ledgerHeight: number;
  /** Names of the chaincodes the peer reports as installed and defined (system chaincodes are not listed). */
  readonly chaincodes: readonly string[];
}

/** What a chaincode query answers: the endorsement layouts (MSP ID → how many peers), or discovery's error. */
export type EndorsementLayouts =
  { readonly layouts: readonly Readonly<Record<string, number>>[] } | { readonly error: string };

/**
 * A client of a peer's discovery service (`discovery.Discovery/Discover`). With TLS on, the service wants a client
 * TLS certificate whose hash the request carries (`discovery/service.go` validateStructure); the peer requests but
 * does not verify one when client authentication is not required, so a throwaway self-signed one serves.
 */
export class DiscoveryClient {
  readonly #client: Client;
  readonly #identity: SigningIdentity;
  readonly #tlsCertHash: Uint8Array;
  readonly #target: string;

  private constructor(client: Client, identity: SigningIdentity, tlsCertHash: Uint8Array, target: string) {
    this.#client = client;
    this.#identity = identity;
    this.#tlsCertHash = tlsCertHash;
    this.#target = target;
  }

  /** Connects to a peer's discovery service as `identity` (a member of the channels it will ask about). */
  static async connect(endpoint: PeerEndpoint, identity: SigningIdentity, name?: string): Promise<DiscoveryClient> {
    const tls = await clientTls();
    const options: Record<string, string> = {};
    if (endpoint.serverName) {
      options['grpc.ssl_target_name_override'] = endpoint.serverName;
    }
    const client = new Client(
      endpoint.address,
      credentials.createSsl(
        Buffer.from(endpoint.tlsCaCertificate),
        Buffer.from(privateKeyToPem(tls.keys.privateKey)),
        Buffer.from(tls.certificate),
      ),
      options,
    );
    const der = Buffer.from(
      tls.certificate.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, ''),
      'base64',
    );
    return new DiscoveryClient(
      client,
      identity,
      createHash('sha256').update(der).digest(),
      name ?? endpoint.serverName ?? endpoint.address,
    );
  }

  /** The channel's peers by organization, as the peer's gossip sees them (itself included). */
  async channelPeers(channelId: string, timeoutMs = 10_000): Promise<DiscoveredPeer[]> {
    const query = new discovery.Query();
    query.setChannel(channelId);
    query.setPeerQuery(new discovery.PeerMembershipQuery());
    const result = await this.#ask(query, `peer membership of channel ${channelId}`, timeoutMs);
    const members = result.getMembers();
    if (!members) {
      throw new FabricRequestError(`discovery on ${this.#target}`, describeError(result));
    }
    return [...members.getPeersByOrgMap().entries()].flatMap(([mspId, peers]: [string, discovery.Peers]) =>
      peers.getPeersList().map((p) => discoveredPeer(mspId, p)),
    );
  }

  /** The endorsement layouts discovery computes for one chaincode from its endorsement policy and the live peers. */
  async endorsementLayouts(channelId: string, chaincode: string, timeoutMs = 10_000): Promise<EndorsementLayouts> {
    const call = new peer.ChaincodeCall();
    call.setName(chaincode);
    const interest = new peer.ChaincodeInterest();
    interest.setChaincodesList([call]);
    const ccQuery = new discovery.ChaincodeQuery();
    ccQuery.setInterestsList([interest]);
    const query = new discovery.Query();
    query.setChannel(channelId);
    query.setCcQuery(ccQuery);
    const result = await this.#ask(query, `endorsers of ${chaincode} on channel ${channelId}`, timeoutMs);
    const descriptor = result.getCcQueryRes()?.getContentList()[0];
    if (!descriptor) {
      return { error: describeError(result) };
    }
    return {
      layouts: descriptor
        .getLayoutsList()
        .map((layout) => Object.fromEntries(layout.getQuantitiesByGroupMap().toArray()))
        .map((byGroup) => byOrganization(byGroup, descriptor)),
    };
  }

  close(): void {
    this.#client.close();
  }

  async #ask(query: discovery.Query, what: string, timeoutMs: number): Promise<discovery.QueryResult> {
    const auth = new discovery.AuthInfo();
    auth.setClientIdentity(serializeIdentity(this.#identity));
    auth.setClientTlsCertHash(this.#tlsCertHash);
    const request = new discovery.Request();
    request.setAuthentication(auth);
    request.setQueriesList([query]);
    const payload = request.serializeBinary();
    const signed = new discovery.SignedRequest();
    signed.setPayload(payload);
    signed.setSignature(signWith(this.#identity, payload));
    const response = await unaryRequest(this.#client, {
      method: '/discovery.Discovery/Discover',
      request: signed,
      response: (bytes) => discovery.Response.deserializeBinary(bytes),
      timeoutMs,
      operation: `discovery of ${what} on ${this.#target}`,
    });
    const result = response.getResultsList()[0];
    if (!result) {
      throw new FabricRequestError(`discovery of ${what} on ${this.#target}`, 'the response has no result');
    }
    return result;
  }
}

let sharedTls: Promise<CertifiedKey> | undefined;

/** One throwaway client TLS certificate per process: the peer hashes it, nobody verifies it. */
function clientTls(): Promise<CertifiedKey> {
  sharedTls ??= createSelfSignedTlsClientCertificate('fabric-testkit discovery client');
  return sharedTls;
}

function describeError(result: discovery.QueryResult): string {
  return result.getError()?.getContent() ?? `unexpected result (${result.getResultCase()})`;
}

function discoveredPeer(mspId: string, p: discovery.Peer): DiscoveredPeer {
  const state = p.getStateInfo();
  const stateInfo = state ? gossip.GossipMessage.deserializeBinary(state.getPayload_asU8()).getStateInfo() : undefined;
  const membership = p.getMembershipInfo();
  const alive = membership
    ? gossip.GossipMessage.deserializeBinary(membership.getPayload_asU8()).getAliveMsg()
    : undefined;
  const identity = msp.SerializedIdentity.deserializeBinary(p.getIdentity_asU8());
  return {
    mspId: identity.getMspid() || mspId,
    endpoint: alive?.getMembership()?.getEndpoint() ?? '',
    ledgerHeight: stateInfo?.getProperties()?.getLedgerHeight() ?? 0,
    chaincodes:
      stateInfo
        ?.getProperties()
        ?.getChaincodesList()
        .map((c) => c.getName()) ?? [],
  };
}

/** A layout names groups (`G0`, `G1`, ...); each group's endorsers are one organization's peers. */
function byOrganization(
  byGroup: Readonly<Record<string, number>>,
  descriptor: discovery.EndorsementDescriptor,
): Record<string, number> {
  const result: Record<string, number> = {};
  for (const [group, quantity] of Object.entries(byGroup)) {
    const first = descriptor.getEndorsersByGroupsMap().get(group)?.getPeersList()[0];
    const mspId = first ? msp.SerializedIdentity.deserializeBinary(first.getIdentity_asU8()).getMspid() : group;
    result[mspId] = (result[mspId] ?? 0) + quantity;
  }
  return result;
}
