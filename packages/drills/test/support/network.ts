import {
  fabricImagesFromEnvironment,
  listNetworkResources,
  missingImages,
  type FabricImages,
} from '@fabric-testkit/test-harness';
import { expect } from 'chai';
import { startDrillNetwork, type DrillNetworkOptions, type StartedDrillNetwork } from '../../src/network/drill-network';
import { formatReport } from '../../src/report/format';
import type { DrillReport } from '../../src/report/drill-report';

/** The images the drills use: the defaults, or FABRIC_TESTKIT_{CA,ORDERER,PEER,COUCHDB}_IMAGE. */
export function testImages(): FabricImages {
  return fabricImagesFromEnvironment();
}

/** Skips the suite with a message naming the missing images, when some are missing. */
export async function skipWithoutImages(context: Mocha.Context): Promise<void> {
  const missing = await missingImages(testImages()).catch((e: unknown) => [`(docker: ${String(e)})`]);
  if (missing.length > 0) {
    console.log(`    skipped: images missing: ${missing.join(', ')}`);
    context.skip();
  }
}

/** Starts a drill network, runs `body`, stops it and checks that nothing of it is left in docker. */
export async function withDrillNetwork(
  options: DrillNetworkOptions,
  body: (target: StartedDrillNetwork) => Promise<void>,
): Promise<void> {
  const target = await startDrillNetwork({ images: testImages(), ...options });
  try {
    await body(target);
  } finally {
    await target.stop();
  }
  expect(await listNetworkResources(target.runtime.id)).to.deep.equal({ containers: [], networks: [] });
}

/** Prints the report (indented under the test) and returns it. */
export function printed(report: DrillReport): DrillReport {
  console.log(
    formatReport(report)
      .split('\n')
      .map((l) => `      ${l}`)
      .join('\n'),
  );
  return report;
}

/** A step of the report by name; fails the test when there is none. */
export function stepOf(report: DrillReport, name: string): DrillReport['steps'][number] {
  const step = report.steps.find((s) => s.name === name);
  if (!step) {
    expect.fail(`no step "${name}" in ${report.steps.map((s) => s.name).join(', ')}`);
  }
  return step;
}
