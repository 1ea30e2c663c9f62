import type { BuildRequest, DockerClient, PullResult } from '../docker-client';
import { DockerEngineUnavailableError, ImageBuildError } from '../errors';
import { outputTail, runCommand, type Runner } from './run';

/** A {@link DockerClient} that runs the `docker` command line (the engine it talks to is the CLI's default). */
export class DockerCli implements DockerClient {
  constructor(
    private readonly run: Runner = runCommand,
    private readonly docker = 'docker',
  ) {}

  async ping(): Promise<void> {
    const result = await this.run(this.docker, ['version', '--format', '{{.Server.Version}}'], { timeoutMs: 20_000 });
    if (result.notFound) throw new DockerEngineUnavailableError('the docker command is not installed');
    if (result.code !== 0) {
      throw new DockerEngineUnavailableError(result.timedOut ? '`docker version` timed out' : outputTail(result, 3));
    }
  }

  async hasImage(ref: string): Promise<boolean> {
    return (await this.imageId(ref)) !== undefined;
  }

  async imageId(ref: string): Promise<string | undefined> {
    const result = await this.run(this.docker, ['image', 'inspect', '--format', '{{.Id}}', ref]);
    const id = result.stdout.trim();
    return result.code === 0 && id !== '' ? id : undefined;
  }

  async removeImage(id: string): Promise<boolean> {
    const result = await this.run(this.docker, ['image', 'rm', id]);
    return result.code === 0;
  }

  async imageLabels(ref: string): Promise<Record<string, string>> {
    const result = await this.run(this.docker, ['image', 'inspect', '--format', '{{json .Config.Labels}}', ref]);
    if (result.code !== 0) return {};
    const parsed: unknown = JSON.parse(result.stdout.trim() || 'null');
    if (parsed === null || typeof parsed !== 'object') return {};
    const labels: Record<string, string> = {};
    for (const [key, value] of Object.entries(parsed)) if (typeof value === 'string') labels[key] = value;
    return labels;
  }

  async pull(ref: string, timeoutMs: number): Promise<PullResult> {
    const result = await this.run(this.docker, ['pull', '--quiet', ref], { timeoutMs });
    if (result.code === 0) return { pulled: true };
    if (result.timedOut) return { pulled: false, reason: `no answer within ${Math.round(timeoutMs / 1000)} s` };
    return { pulled: false, reason: outputTail(result, 1) || `docker pull exited with ${String(result.code)}` };
  }

  async build(request: BuildRequest): Promise<void> {
    const args = ['build', '--file', request.dockerfile];
    for (const tag of request.tags) args.push('--tag', tag);
    for (const [key, value] of Object.entries(request.buildArgs)) args.push('--build-arg', `${key}=${value}`);
    for (const [key, value] of Object.entries(request.labels)) args.push('--label', `${key}=${value}`);
    args.push(request.context);
    // The classic builder needs no extra components and exists on every engine we support.
    const env = { ...process.env, DOCKER_BUILDKIT: '0' };
    const result = await this.run(this.docker, args, { env, onLine: request.onLine });
    if (result.code !== 0) throw new ImageBuildError(`docker build ${request.tags.join(' ')}`, outputTail(result));
  }

  async importRootFs(tarball: string, ref: string, changes: readonly string[]): Promise<void> {
    const args = ['import'];
    for (const change of changes) args.push('--change', change);
    args.push(tarball, ref);
    const result = await this.run(this.docker, args);
    if (result.code !== 0) throw new ImageBuildError(`docker import ${ref}`, outputTail(result));
  }
}
