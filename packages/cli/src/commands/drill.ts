/**
 * `fabric-testkit drill <name> [--json]`: runs an upgrade or fault drill on a real Fabric network in containers
 * and prints its report, as a table for humans or one JSON object for CI (figures such as `upgradeSeconds` are
 * top-level keys). Exits with 1 when a step failed.
 */
import type { Command } from 'commander';
import { DRILLS, formatReport, reportToJson, runNamedDrill, type DrillReport } from '@fabric-testkit/drills';

/** What the command's action needs; tests may replace `run` and `write`. */
export interface DrillCommandDeps {
  readonly run: (name: string, options: { fabricVersion?: string }) => Promise<DrillReport>;
  readonly write: (text: string) => void;
}

/** The real drill runner, writing to stdout. */
export const defaultDrillDeps: DrillCommandDeps = {
  run: (name, options) => {
    // The harness removes its containers itself (also on SIGINT/SIGTERM), and testcontainers' Ryuk image may not
    // be pullable here.
    process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';
    return runNamedDrill(
      name,
      options.fabricVersion === undefined ? {} : { network: { fabricVersion: options.fabricVersion } },
    );
  },
  write: (text) => process.stdout.write(`${text}\n`),
};

interface DrillFlags {
  json?: boolean;
  fabric?: string;
}

/** Registers `drill` on the program. */
export function registerDrillCommand(program: Command, deps: DrillCommandDeps = defaultDrillDeps): void {
  program
    .command('drill')
    .description(
      'Run an upgrade or fault drill on a real Fabric network in containers and print its report ' +
        '(steps with time, pass/fail and evidence, plus peer metrics)',
    )
    .argument('<name>', `the drill: ${DRILLS.map((d) => d.name).join(', ')}`)
    .option('--json', 'print the report as one JSON object (figures such as upgradeSeconds are top-level keys)')
    .option(
      '--fabric <version>',
      'Fabric version: 2.5, 3.1 or a pinned tag (env FABRIC_TESTKIT_FABRIC_VERSION); BFT drills default to 3.1',
    )
    .addHelpText('after', `\nDrills:\n${DRILLS.map((d) => `  ${d.name.padEnd(20)} ${d.description}`).join('\n')}`)
    .action(async (name: string, flags: DrillFlags) => {
      await runDrillCommand(name, flags, deps);
    });
}

/** The action of `fabric-testkit drill`: prints the report; rejects when the drill did not pass. */
export async function runDrillCommand(name: string, flags: DrillFlags, deps: DrillCommandDeps): Promise<DrillReport> {
  const report = await deps.run(name, flags.fabric === undefined ? {} : { fabricVersion: flags.fabric });
  deps.write(flags.json === true ? JSON.stringify(reportToJson(report), null, 2) : formatReport(report));
  if (!report.passed) {
    const failed = report.steps.find((s) => !s.passed);
    throw new Error(`drill ${name} failed${failed ? ` at "${failed.name}": ${failed.error ?? ''}` : ''}`);
  }
  return report;
}
