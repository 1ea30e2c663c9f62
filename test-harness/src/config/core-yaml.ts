import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The ccaas builder directory in the official peer image. */
export const IMAGE_CCAAS_BUILDER = '/opt/hyperledger/ccaas_builder';

let template: string | undefined;

/**
 * The peer's core.yaml: Fabric v2.5.0's sample config with `vm.endpoint: ""`. The stock file points at the
 * docker socket and the peer's `/healthz` then fails with "failed to ping to Docker daemon"; an empty
 * `CORE_VM_ENDPOINT` environment variable does not override it, so the file itself has to say it.
 *
 * @param ccaasBuilderPath - where the ccaas external builder lives. Default: the image's `/opt/hyperledger/ccaas_builder`.
 */
export function peerCoreYaml(ccaasBuilderPath = IMAGE_CCAAS_BUILDER): string {
  template ??= readFileSync(join(__dirname, '..', '..', '..', 'config', 'core.yaml'), 'utf8');
  return template.replace(`path: ${IMAGE_CCAAS_BUILDER}\n`, `path: ${ccaasBuilderPath}\n`);
}
