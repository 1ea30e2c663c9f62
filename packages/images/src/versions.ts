/**
 * The one place that pins Fabric and Fabric CA image tags, and the sources they are built from.
 *
 * Two build routes, because the Go module proxy serves Fabric only at v2.5.0 (the pseudo-version
 * `v1.4.0-rc1.0.20230401164317-bd8e24856939`; it refuses v2.5.16 and v3.1.5 with 403 "This module version is not
 * available"):
 * - 2.5.16 (the default) and 3.1.5 are built from Fabric's **release source**: `git archive` of the release tag
 *   with its complete `vendor/` tree (`fabric-vX.Y.Z.tar.gz`), found in the directory given by `--fabric-source` or
 *   `FABRIC_TESTKIT_FABRIC_SOURCE`, so they build offline. That is how an air-gapped site mirrors Fabric.
 * - 2.5.0 is built from the **Go module**, for a machine with neither a registry nor a source mirror. The module zip
 *   leaves out Fabric's nested `ccaas_builder` module, so that image gets our own ccaas builder (`build/`).
 * Fabric CA 1.5.21 (the latest CA release) comes from its Go module. CouchDB (the peers' state database) is pinned
 * at the end of this file.
 */

import { UnknownVersionError } from './errors';

/** The Go module an image is built from, with the values Fabric's own Makefile stamps into the binaries. */
export interface ModuleSource {
  /** Go module path, for example `github.com/hyperledger/fabric`. */
  readonly module: string;
  /** Module version the Go module proxy serves (a pseudo-version for Fabric 2.x/3.x, whose path has no `/v2`). */
  readonly version: string;
  /**
   * Commit of that module version, as far as the proxy records it (the 12-digit abbreviation of a pseudo-version,
   * or the full hash of a tag); used for the `org.opencontainers.image.revision` label and Fabric's `CommitSHA`.
   */
  readonly commit: string;
}

/** A Fabric release's source archive: `git archive` of the release tag, top folder `fabric-vX.Y.Z/`, with `vendor/`. */
export interface ReleaseSource {
  /** The archive's file name, for example `fabric-v2.5.16.tar.gz`. */
  readonly archive: string;
  /** The release tag's commit (full hash). */
  readonly commit: string;
  /** SHA-256 of the archive, checked before it is unpacked. */
  readonly sha256: string;
}

/** A pinned Fabric release: the tag of hyperledger/fabric-peer, -orderer and -tools. Exactly one source is set. */
export interface FabricPin {
  /** Image tag, for example `2.5.16`. */
  readonly tag: string;
  /** The release's `FABRIC_VER` as Fabric's release workflow sets it (the git tag, for example `v2.5.16`). */
  readonly fabricVer: string;
  /** The Go module it is built from (2.5.0 only: see the top of this file). */
  readonly build?: ModuleSource;
  /** The release source it is built from. */
  readonly release?: ReleaseSource;
}

/** A pinned Fabric CA release: the tag of hyperledger/fabric-ca. */
export interface FabricCaPin {
  /** Image tag, for example `1.5.21`. */
  readonly tag: string;
  /** The Go module it is built from. */
  readonly build: ModuleSource;
}

/** Environment variable naming the directory with Fabric release source (archives or unpacked trees). */
export const FABRIC_SOURCE_ENV = 'FABRIC_TESTKIT_FABRIC_SOURCE';

/** Every pinned Fabric release, oldest first. A line (`2.5`) names its newest pin. */
export const FABRIC_PINS: readonly FabricPin[] = [
  {
    tag: '2.5.0',
    fabricVer: 'v2.5.0',
    build: {
      module: 'github.com/hyperledger/fabric',
      version: 'v1.4.0-rc1.0.20230401164317-bd8e24856939',
      commit: 'bd8e24856939',
    },
  },
  {
    tag: '2.5.16',
    fabricVer: 'v2.5.16',
    release: {
      archive: 'fabric-v2.5.16.tar.gz',
      commit: 'f871cf92a026aba7b12e6f06d71ded3e6e659d71',
      sha256: '4a77307d05d1cf4d13631048213a1b4f9647a07e27e3401722e30dd4b09a2814',
    },
  },
  {
    tag: '3.1.5',
    fabricVer: 'v3.1.5',
    release: {
      archive: 'fabric-v3.1.5.tar.gz',
      commit: '86c1172bec37e6590c6b1ae6f847833df48d65fc',
      sha256: '01ebc9b42c57a7d2011b55aaa541adadf8ebad697c1a8b59b38c502f8f2c21f6',
    },
  },
];

/** Every pinned Fabric CA release. */
export const FABRIC_CA_PINS: readonly FabricCaPin[] = [
  {
    tag: '1.5.21',
    build: {
      module: 'github.com/hyperledger/fabric-ca',
      version: 'v1.5.21',
      commit: 'f355456a72323ae2a4a250fdecb8744a8c041150',
    },
  },
];

/** The Fabric version the harness uses unless told otherwise. */
export const DEFAULT_FABRIC_TAG = '2.5.16';
/** The Fabric CA version the harness uses unless told otherwise. */
export const DEFAULT_FABRIC_CA_TAG = '1.5.21';

/** Environment variable that picks the Fabric version (`2.5`, `3.1` or a pinned tag). */
export const FABRIC_VERSION_ENV = 'FABRIC_TESTKIT_FABRIC_VERSION';
/** Environment variable that picks the Fabric CA version (`1.5` or a pinned tag). */
export const FABRIC_CA_VERSION_ENV = 'FABRIC_TESTKIT_CA_VERSION';

/** The pins `ensureImages` works with, after resolving version names and defaults. */
export interface ResolvedVersions {
  readonly fabric: FabricPin;
  readonly ca: FabricCaPin;
}

/** Which versions to resolve; each falls back to its environment variable, then to the default. */
export interface VersionSelection {
  /** `2.5`, `3.1`, or a pinned tag such as `2.5.16` (a leading `v` is ignored). */
  readonly fabric?: string;
  /** `1.5` or a pinned tag such as `1.5.21`. */
  readonly ca?: string;
}

/**
 * Resolves a version selection to pins. A two-part version (`2.5`) names the newest pin of that line (2.5.16).
 *
 * @throws {@link UnknownVersionError} when a version matches no pin.
 * @example
 * ```ts
 * resolveVersions({ fabric: '3.1' }).fabric.tag; // '3.1.5'
 * ```
 */
export function resolveVersions(
  selection: VersionSelection = {},
  env: NodeJS.ProcessEnv = process.env,
): ResolvedVersions {
  return {
    fabric: findPin('Fabric', FABRIC_PINS, wanted(selection.fabric, env, FABRIC_VERSION_ENV, DEFAULT_FABRIC_TAG)),
    ca: findPin('Fabric CA', FABRIC_CA_PINS, wanted(selection.ca, env, FABRIC_CA_VERSION_ENV, DEFAULT_FABRIC_CA_TAG)),
  };
}

/** The version asked for, and the environment variable it came from (undefined for an option or the default). */
interface Wanted {
  readonly version: string;
  readonly fromEnv?: string;
}

function wanted(option: string | undefined, env: NodeJS.ProcessEnv, variable: string, fallback: string): Wanted {
  const fromOption = nonEmpty(option);
  if (fromOption !== undefined) return { version: fromOption };
  const fromEnv = nonEmpty(env[variable]);
  return fromEnv === undefined ? { version: fallback } : { version: fromEnv, fromEnv: variable };
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

function findPin<T extends { readonly tag: string }>(product: string, pins: readonly T[], wanted: Wanted): T {
  const version = wanted.version.replace(/^v/, '');
  const exact = pins.find((pin) => pin.tag === version);
  if (exact !== undefined) return exact;
  if (/^\d+\.\d+$/.test(version)) {
    const line = pins.filter((pin) => pin.tag.startsWith(`${version}.`)).at(-1);
    if (line !== undefined) return line;
  }
  throw new UnknownVersionError(
    product,
    wanted.version,
    pins.map((pin) => pin.tag),
    wanted.fromEnv,
  );
}

/**
 * A pinned CouchDB release, the state database of peers with `stateDatabase: 'couchdb'`: the tag of the official
 * `couchdb` image, and the source archive it is built from where that image cannot be pulled.
 */
export interface CouchDbPin {
  /** Image tag, for example `3.4.3`. */
  readonly tag: string;
  /**
   * The archive's file name: github.com/apache/couchdb at the release tag with the dependencies its
   * `rebar.config.script` names placed under `src/` (top folder `couchdb-X.Y.Z/`), so it builds offline.
   */
  readonly archive: string;
  /** The release tag's commit (the 12-digit abbreviation). */
  readonly commit: string;
  /** SHA-256 of the archive, checked before it is unpacked. */
  readonly sha256: string;
  /** The dependencies the archive must hold under `src/`; without them the build would `git clone` them. */
  readonly dependencies: readonly string[];
}

/**
 * CouchDB 3.4.3: Fabric 2.5 and 3.1 use CouchDB 3.x; 3.5 needs Erlang/OTP 26, and Debian bookworm has OTP 25.
 */
export const COUCHDB_PIN: CouchDbPin = {
  tag: '3.4.3',
  archive: 'couchdb-3.4.3-with-deps.tar.gz',
  commit: 'e12b967d7f67',
  sha256: 'e3cbfcfeccf409ec836dc2ebd692e8b3794699a1cf111c889360a8e180bcd874',
  dependencies: ['snappy', 'ibrowse', 'jiffy', 'mochiweb', 'meck', 'recon'],
};

/** The pinned CouchDB image tag. */
export const COUCHDB_TAG = COUCHDB_PIN.tag;

/** The CouchDB image, under its official name (`couchdb:3.4.3`) whether pulled or built. */
export const COUCHDB_IMAGE = `couchdb:${COUCHDB_TAG}`;

/** Environment variable naming the directory that holds the CouchDB source archive ({@link CouchDbPin.archive}). */
export const COUCHDB_SOURCE_ENV = 'FABRIC_TESTKIT_COUCHDB_SOURCE';
