/**
 * Reading the ledger of a network `fabric-testkit up` started, for `explore` and `blocks`: which network (the one
 * named, or the only one recorded), and a Fabric Gateway connection to its first peer as its first organization's
 * admin (qscc and `_lifecycle` queries need a channel reader; the state file holds that admin's key).
 */
import { createPrivateKey } from 'node:crypto';
import { connect, signers } from '@hyperledger/fabric-gateway';
import { fabricLedgerSource, LedgerReadError, mockLedgerSource, type LedgerSource } from '@fabric-testkit/explorer';
import { MockTarget } from './mock-target';
import { createPeerClient } from '@fabric-testkit/test-harness';
import { NetworkCommandError } from './network-errors';
import {
  isMockDescription,
  type NetworkDescription,
  type NetworkStateStore,
  type StoredDescription,
} from './network-state';

/** Each gateway call may take this long before it fails with the peer's address in the message. */
const CALL_TIMEOUT_MS = 30_000;

/** The description of the network `id` names, or of the only network `up` recorded. */
export async function selectNetwork(store: NetworkStateStore, id: string | undefined): Promise<StoredDescription> {
  if (id !== undefined) {
    const named = await store.read(id).catch((e: unknown) => {
      if (e instanceof NetworkCommandError) throw e;
      throw new NetworkCommandError(
        `no network ${id} in ${store.directory}: "fabric-testkit status" lists the networks`,
        { cause: e },
      );
    });
    return named;
  }
  const readable = (await store.list()).filter((s) => s.description !== undefined);
  const [only, ...others] = readable;
  if (only?.description === undefined) {
    throw new NetworkCommandError(`no network is recorded in ${store.directory}: start one with "fabric-testkit up"`);
  }
  if (others.length > 0) {
    throw new NetworkCommandError(
      `${readable.length} networks are up (${readable.map((s) => s.id).join(', ')}): name one, e.g. --network ${only.id}`,
    );
  }
  return only.description;
}

/**
 * The ledger source of a network: a real one's first peer, or an in-memory one replayed from its journal (as each
 * command on it does): its blocks as they are now, with no later commit arriving.
 */
export async function ledgerSourceOf(description: StoredDescription): Promise<LedgerSource> {
  if (!isMockDescription(description)) return networkLedgerSource(description);
  const target = await MockTarget.open(description);
  const source = mockLedgerSource(target.fabric, `in-memory network ${description.id}`);
  return {
    name: source.name,
    organizations: () => source.organizations(),
    channels: () => source.channels(),
    height: (channel) => source.height(channel),
    blocks: (channel, from, to) => source.blocks(channel, from, to),
    chaincodeDefinitions: (channel) => source.chaincodeDefinitions(channel),
    close: async () => {
      await source.close?.();
      await target.close();
    },
  };
}

/**
 * Runs `read` on the network's ledger; a read that fails (the peer does not answer: the network was stopped with
 * Docker, or the machine restarted) says so and how to check.
 */
export async function readingLedger<T>(description: StoredDescription, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    if (!(e instanceof LedgerReadError)) throw e;
    throw new NetworkCommandError(
      `${e.message}; is network ${description.id} still running? "fabric-testkit status" shows its containers`,
      { cause: e },
    );
  }
}

/** A ledger source reading the network's channel through its first organization's first peer, as that admin. */
export function networkLedgerSource(description: NetworkDescription): LedgerSource {
  const org = description.organizations[0];
  const peer = org?.peers[0];
  if (org === undefined || peer === undefined) {
    throw new NetworkCommandError(`network ${description.id} has no peer organization to read its ledger through`);
  }
  const client = createPeerClient({
    address: peer.address,
    tlsCaCertificate: peer.tlsCaCertificate,
    ...(peer.serverName === undefined ? {} : { serverName: peer.serverName }),
  });
  const gateway = connect({
    client,
    identity: { mspId: org.admin.mspId, credentials: Buffer.from(org.admin.certificate) },
    signer: signers.newPrivateKeySigner(createPrivateKey(org.admin.privateKey)),
    evaluateOptions: () => ({ deadline: Date.now() + CALL_TIMEOUT_MS }),
  });
  return fabricLedgerSource({
    name: `network ${description.id} (${peer.name} at ${peer.address}, as ${org.mspId} admin)`,
    organizations: description.organizations.map((o) => o.mspId),
    channels: [description.channel],
    gateway,
    close: () => {
      gateway.close();
      client.close();
    },
  });
}
