/**
 * Where `fabric-testkit up` leaves the description of a running network, so `status`, `down` and a user's own
 * fabric-gateway client can find it: `$FABRIC_TESTKIT_HOME/networks/<id>.json` (default `~/.fabric-testkit`).
 * The files hold an admin's private key, so the directory is 0700 and each file 0600.
 */
import { chmod, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import * as path from 'node:path';
import type { CollectionConfig } from '@fabric-testkit/test-harness';
import { NetworkCommandError } from './network-errors';

/** A peer as a gRPC client on this machine reaches it. */
export interface PeerDescription {
  readonly name: string;
  /** `127.0.0.1:<port>`. */
  readonly address: string;
  /** PEM of the CA that signed the peer's TLS certificate. */
  readonly tlsCaCertificate: string;
  /** The host name in the peer's TLS certificate, for `grpc.ssl_target_name_override`. */
  readonly serverName?: string;
}

/** An organization's admin identity, as a fabric-gateway client needs it. */
export interface AdminDescription {
  readonly mspId: string;
  /** X.509 certificate, PEM. */
  readonly certificate: string;
  /** PKCS #8 private key, PEM. */
  readonly privateKey: string;
}

/** A peer organization of the network. */
export interface OrganizationDescription {
  readonly name: string;
  readonly mspId: string;
  readonly peers: readonly PeerDescription[];
  readonly admin: AdminDescription;
}

/** An orderer or CA: its name, main endpoint (absent if Docker did not publish it) and operations URL. */
export interface NodeDescription {
  readonly name: string;
  readonly address?: string;
  readonly operationsUrl: string;
}

/** A chaincode server `deploy` left running for one organization (a detached process; `down` stops it). */
export interface ChaincodeServerRecord {
  /** The organization's name, for example `org1`. */
  readonly organization: string;
  readonly packageId: string;
  /** `host:port` it listens on. */
  readonly address: string;
  readonly pid: number;
  readonly logFile: string;
}

/** A chaincode committed on the channel by `deploy`, `upgrade` or `up --chaincode`. */
/** The language of a deployed chaincode's directory. */
export type ChaincodeLanguage = 'node' | 'go';

export interface ChaincodeRecord {
  readonly name: string;
  readonly version: string;
  readonly sequence: number;
  /** The chaincode's directory, absolute: a contract package, or a Go chaincode's main package. */
  readonly directory: string;
  /** Absent in records written before Go chaincode could be deployed: Node. */
  readonly language?: ChaincodeLanguage;
  /** In Fabric's policy language; absent: the channel's default (a majority of the members). */
  readonly endorsementPolicy?: string;
  /** The collections JSON as given with `--collections`. */
  readonly collections?: readonly CollectionConfig[];
  /** Real network only: the servers of the committed version. */
  readonly servers: readonly ChaincodeServerRecord[];
}

/** An identity `identity register` issued, used with `--as NAME`. */
export interface IdentityRecord {
  readonly name: string;
  /** The organization's name, for example `org1`. */
  readonly organization: string;
  readonly mspId: string;
  readonly attributes: Readonly<Record<string, string>>;
  /** Real network only: the CA-issued certificate and its private key (PEM). */
  readonly certificate?: string;
  readonly privateKey?: string;
}

/** What `up` writes: enough to connect a gateway client to the network it started. */
export interface NetworkDescription {
  readonly id: string;
  readonly target?: 'network';
  /** ISO 8601. */
  readonly createdAt: string;
  readonly channel: string;
  readonly organizations: readonly OrganizationDescription[];
  readonly orderers: readonly NodeDescription[];
  readonly cas: readonly NodeDescription[];
  /** The Fabric version its images are, for example `2.5.16` (absent in files written before it was recorded). */
  readonly fabricVersion?: string;
  readonly chaincodes?: readonly ChaincodeRecord[];
  readonly identities?: readonly IdentityRecord[];
}

/**
 * A network on the in-memory peer (`up --mock`). Nothing runs between commands: the file keeps the journal of the
 * commands that changed the ledger, and each command replays it on a fresh in-memory network (see mock-journal.ts).
 */
export interface MockNetworkDescription {
  readonly id: string;
  readonly target: 'mock';
  readonly createdAt: string;
  readonly channel: string;
  readonly organizations: readonly { readonly name: string; readonly mspId: string }[];
  readonly chaincodes?: readonly ChaincodeRecord[];
  readonly identities?: readonly IdentityRecord[];
  readonly journal: readonly MockJournalEntry[];
}

/** One command that changed the in-memory ledger, replayed in order by the next command. */
export type MockJournalEntry =
  | { readonly kind: 'deploy' | 'upgrade'; readonly chaincode: ChaincodeRecord }
  | { readonly kind: 'identity'; readonly identity: IdentityRecord }
  | {
      readonly kind: 'invoke';
      readonly chaincode: string;
      readonly fn: string;
      readonly args: readonly string[];
      readonly as?: string;
      readonly organization?: string;
      readonly transient?: Readonly<Record<string, string>>;
      readonly endorsingOrganizations?: readonly string[];
      readonly concurrent: number;
    };

/** A state file's content: a real network or an in-memory one. */
export type StoredDescription = NetworkDescription | MockNetworkDescription;

/** Whether the description is of an in-memory network. */
export function isMockDescription(description: StoredDescription): description is MockNetworkDescription {
  return description.target === 'mock';
}

/** A state file and what it says, or why it could not be read. */
export interface StoredNetwork {
  readonly id: string;
  readonly file: string;
  readonly description?: StoredDescription;
  readonly problem?: string;
}

/** The state directory: `$FABRIC_TESTKIT_HOME`, else `~/.fabric-testkit`. */
export function stateHome(env: NodeJS.ProcessEnv = process.env): string {
  const home = env['FABRIC_TESTKIT_HOME'];
  return home !== undefined && home !== '' ? path.resolve(home) : path.join(homedir(), '.fabric-testkit');
}

/** Network IDs become file names: refuse anything that could leave the directory. */
export function checkNetworkId(id: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(id)) {
    throw new NetworkCommandError(`"${id}" is not a network ID (letters, digits, - and _, as "ftk1a2b3c4d")`);
  }
  return id;
}

/** The state files of networks `up` started. */
export class NetworkStateStore {
  readonly #home: () => string;

  /** `home` is read on each use (default {@link stateHome}), so a changed `FABRIC_TESTKIT_HOME` is honoured. */
  constructor(home: string | (() => string) = () => stateHome()) {
    this.#home = typeof home === 'string' ? () => home : home;
  }

  get directory(): string {
    return path.join(this.#home(), 'networks');
  }

  fileOf(id: string): string {
    return path.join(this.directory, `${checkNetworkId(id)}.json`);
  }

  /** Writes the description (mode 0600, in a 0700 directory) and returns the file's path. */
  async write(description: StoredDescription): Promise<string> {
    const file = this.fileOf(description.id);
    await mkdir(this.directory, { recursive: true, mode: 0o700 });
    await writeFile(file, `${JSON.stringify(description, null, 2)}\n`, { mode: 0o600 });
    // writeFile applies `mode` only when it creates the file (and through the umask); make it exact.
    await chmod(file, 0o600);
    return file;
  }

  /** Every state file, sorted by network ID; a file that cannot be read is listed with the problem. */
  async list(): Promise<StoredNetwork[]> {
    const names = await readdir(this.directory).catch((e: unknown) => {
      if (isNotFound(e)) return [];
      throw e;
    });
    const ids = names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -'.json'.length));
    const stored: StoredNetwork[] = [];
    for (const id of ids.sort()) {
      const file = path.join(this.directory, `${id}.json`);
      const entry = await this.read(id).then(
        (description): StoredNetwork => ({ id, file, description }),
        (e: unknown): StoredNetwork => ({ id, file, problem: e instanceof Error ? e.message : String(e) }),
      );
      stored.push(entry);
    }
    return stored;
  }

  async read(id: string): Promise<StoredDescription> {
    const file = this.fileOf(id);
    const text = await readFile(file, 'utf8');
    try {
      return parseDescription(JSON.parse(text));
    } catch (e) {
      throw new NetworkCommandError(
        `${file} is not a network description (${e instanceof Error ? e.message : String(e)}); ` +
          `remove it with "fabric-testkit down ${id}"`,
        { cause: e },
      );
    }
  }

  /** Deletes a network's state file; resolves to whether there was one. */
  async remove(id: string): Promise<boolean> {
    const file = this.fileOf(id);
    try {
      await rm(file);
      return true;
    } catch (e) {
      if (isNotFound(e)) return false;
      throw e;
    }
  }
}

function parseDescription(value: unknown): StoredDescription {
  if (typeof value !== 'object' || value === null) throw new Error('not a JSON object');
  if (!('id' in value) || typeof value.id !== 'string') throw new Error('no string "id"');
  if (!('channel' in value) || typeof value.channel !== 'string') throw new Error('no string "channel"');
  if (!('organizations' in value) || !Array.isArray(value.organizations)) throw new Error('no "organizations"');
  // Only `up` writes these files (0600): beyond the keys checked above, the shape is trusted.
  return value as StoredDescription;
}

function isNotFound(e: unknown): boolean {
  return e instanceof Error && 'code' in e && e.code === 'ENOENT';
}
