/**
 * The one place that pins Fabric and Fabric CA image tags, and the Go module versions they are built from.
 *
 * Why Fabric 2.5 defaults to 2.5.0: the Go module proxy available to our CI refuses
 * `github.com/hyperledger/fabric` at the newer pins (v2.5.16 and v3.1.5 pseudo-versions, commit hashes and
 * `@v/list` all answer 403 "This module version is not available"). It does serve the pseudo-version
 * `v1.4.0-rc1.0.20230401164317-bd8e24856939`, which is Fabric v2.5.0 (its Makefile says `FABRIC_VER ?= 2.5.0`),
 * so 2.5.0 is the version we can build from source everywhere. The newer pins stay here as pull-only: where a
 * registry can be reached they are pulled like any official image, but they are never built.
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

/** A pinned Fabric release: the tag of hyperledger/fabric-peer, -orderer and -tools. */
export interface FabricPin {
  /** Image tag, for example `2.5.0`. */
  readonly tag: string;
  /** The release's `FABRIC_VER` as Fabric's release workflow sets it (the git tag, for example `v2.5.0`). */
  readonly fabricVer: string;
  /** The Go module it is built from; `undefined` for a pull-only pin. */
  readonly build?: ModuleSource;
  /** Why a pin cannot be built here (set exactly when `build` is undefined). */
  readonly pullOnlyReason?: string;
}

/** A pinned Fabric CA release: the tag of hyperledger/fabric-ca. */
export interface FabricCaPin {
  /** Image tag, for example `1.5.21`. */
  readonly tag: string;
  /** The Go module it is built from; `undefined` for a pull-only pin. */
  readonly build?: ModuleSource;
  /** Why a pin cannot be built here (set exactly when `build` is undefined). */
  readonly pullOnlyReason?: string;
}

// Refused here: v1.4.0-rc1.0.20260617221605-f871cf92a026 (v2.5.16) and v1.4.0-rc1.0.20260618074816-86c1172bec37
// (v3.1.5). Our Dockerfiles also follow the 2.5 image layout; a 3.x build would need its own check.
const REFUSED_BY_PROXY =
  'the Go module proxy refuses github.com/hyperledger/fabric at this version (403 "This module version is not ' +
  'available")';

/** Every pinned Fabric release, newest line last. The first buildable pin of a line is that line's default. */
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
  { tag: '2.5.16', fabricVer: 'v2.5.16', pullOnlyReason: REFUSED_BY_PROXY },
  { tag: '3.1.5', fabricVer: 'v3.1.5', pullOnlyReason: REFUSED_BY_PROXY },
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
export const DEFAULT_FABRIC_TAG = '2.5.0';
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
  /** `2.5`, `3.1`, or a pinned tag such as `2.5.0` (a leading `v` is ignored). */
  readonly fabric?: string;
  /** `1.5` or a pinned tag such as `1.5.21`. */
  readonly ca?: string;
}

/**
 * Resolves a version selection to pins. A two-part version (`2.5`) names the first pin of that line, which for
 * 2.5 is the buildable 2.5.0.
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
    const line = pins.find((pin) => pin.tag.startsWith(`${version}.`));
    if (line !== undefined) return line;
  }
  throw new UnknownVersionError(
    product,
    wanted.version,
    pins.map((pin) => pin.tag),
    wanted.fromEnv,
  );
}
