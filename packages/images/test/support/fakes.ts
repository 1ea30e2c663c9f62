import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { BuildRequest, DockerClient, PullResult } from '../../src/docker-client';
import { DockerEngineUnavailableError } from '../../src/errors';
import type { CouchDbBuilder } from '../../src/internal/couchdb-builder';
import type { FabricComponent, ImageBuilder } from '../../src/internal/plan';
import type { RunOptions, RunResult, Runner } from '../../src/internal/run';
import type { CouchDbPin, FabricCaPin, FabricPin } from '../../src/versions';

/** An in-memory engine: a set of local images, and a rule for which pulls succeed. */
export class FakeDocker implements DockerClient {
  readonly images = new Set<string>();
  readonly pulls: string[] = [];
  readonly builds: BuildRequest[] = [];
  readonly imports: string[] = [];
  engineUp = true;
  pullable = new Set<string>();

  constructor(present: readonly string[] = []) {
    for (const ref of present) this.images.add(ref);
  }

  ping(): Promise<void> {
    return this.engineUp ? Promise.resolve() : Promise.reject(new DockerEngineUnavailableError('fake engine down'));
  }
  /** Image ids by reference; a build gives its tags a new id. */
  readonly ids = new Map<string, string>();
  readonly removed: string[] = [];
  private nextId = 1;

  hasImage(ref: string): Promise<boolean> {
    return Promise.resolve(this.images.has(ref));
  }
  imageId(ref: string): Promise<string | undefined> {
    return Promise.resolve(this.images.has(ref) ? (this.ids.get(ref) ?? `sha256:${ref}`) : undefined);
  }
  removeImage(id: string): Promise<boolean> {
    this.removed.push(id);
    return Promise.resolve(true);
  }
  imageLabels(): Promise<Record<string, string>> {
    return Promise.resolve({});
  }
  pull(ref: string): Promise<PullResult> {
    this.pulls.push(ref);
    if (!this.pullable.has(ref)) return Promise.resolve({ pulled: false, reason: 'no registry' });
    this.images.add(ref);
    return Promise.resolve({ pulled: true });
  }
  /** Files of each build context, relative to it, captured at build time (contexts are temporary). */
  readonly contexts: string[][] = [];

  build(request: BuildRequest): Promise<void> {
    this.builds.push(request);
    this.contexts.push(listFiles(request.context));
    for (const tag of request.tags) {
      this.images.add(tag);
      this.ids.set(tag, `sha256:built${this.nextId++}`);
    }
    return Promise.resolve();
  }
  importRootFs(_tarball: string, ref: string): Promise<void> {
    this.imports.push(ref);
    this.images.add(ref);
    return Promise.resolve();
  }
}

/** Records what it was asked to build. */
export class FakeBuilder implements ImageBuilder {
  readonly fabricCalls: { tag: string; components: readonly FabricComponent[] }[] = [];
  readonly caCalls: string[] = [];

  buildFabric(pin: FabricPin, components: readonly FabricComponent[]): Promise<void> {
    this.fabricCalls.push({ tag: pin.tag, components });
    return Promise.resolve();
  }
  buildCa(pin: FabricCaPin): Promise<void> {
    this.caCalls.push(pin.tag);
    return Promise.resolve();
  }
}

/** One recorded command. */
export interface RecordedCall {
  readonly command: string;
  readonly args: readonly string[];
  readonly options: RunOptions;
}

/** A runner that answers from a function and records every call. */
export function fakeRunner(answer: (call: RecordedCall) => Partial<RunResult>): { run: Runner; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const run: Runner = (command, args, options = {}) => {
    const call = { command, args, options };
    calls.push(call);
    const result = answer(call);
    return Promise.resolve({
      code: 0,
      stdout: '',
      stderr: '',
      timedOut: false,
      notFound: false,
      ...result,
    });
  };
  return { run, calls };
}

function listFiles(root: string, dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory() ? listFiles(root, join(dir, entry.name)) : [relative(root, join(dir, entry.name))],
    )
    .sort();
}

/** Records which CouchDB builds it was asked for. */
export class FakeCouchDbBuilder implements CouchDbBuilder {
  readonly calls: { tag: string; sourceDir: string }[] = [];

  buildCouchDb(pin: CouchDbPin, sourceDir: string): Promise<void> {
    this.calls.push({ tag: pin.tag, sourceDir });
    return Promise.resolve();
  }
}
