/** One sample of the Prometheus text exposition format: `name{label="value"} 1.5`. */
export interface PrometheusSample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** A line of the exposition text could not be read. */
export class PrometheusParseError extends Error {
  readonly line: number;

  constructor(line: number, message: string) {
    super(`metrics line ${line}: ${message}`);
    this.name = 'PrometheusParseError';
    this.line = line;
  }
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;

/**
 * Parses the Prometheus text exposition format (version 0.0.4), as a Fabric node's operations `/metrics` serves
 * it: comments and `# HELP`/`# TYPE` lines are skipped; label values may contain escaped `\"`, `\\` and `\n`;
 * values may be `NaN`, `+Inf` or `-Inf`; an optional timestamp after the value is ignored.
 *
 * @example
 * ```ts
 * const samples = parsePrometheusText(await peer.metrics());
 * const height = samples.find((s) => s.name === 'ledger_blockchain_height' && s.labels.channel === 'mychannel');
 * ```
 */
export function parsePrometheusText(text: string): PrometheusSample[] {
  const samples: PrometheusSample[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) {
      return;
    }
    samples.push(parseSampleLine(line, index + 1));
  });
  return samples;
}

function parseSampleLine(line: string, lineNumber: number): PrometheusSample {
  const name = NAME.exec(line)?.[0];
  if (!name) {
    throw new PrometheusParseError(lineNumber, `no metric name in "${line}"`);
  }
  let rest = line.slice(name.length);
  let labels: Record<string, string> = {};
  if (rest.startsWith('{')) {
    const parsed = parseLabels(rest, lineNumber, name.length);
    labels = parsed.labels;
    rest = rest.slice(parsed.length);
  }
  const [valueText] = rest.trim().split(/\s+/);
  const value = parseValue(valueText ?? '');
  if (value === undefined) {
    throw new PrometheusParseError(lineNumber, `"${valueText ?? ''}" is not a sample value`);
  }
  return { name, labels, value };
}

function parseValue(text: string): number | undefined {
  switch (text) {
    case 'NaN':
      return Number.NaN;
    case '+Inf':
      return Number.POSITIVE_INFINITY;
    case '-Inf':
      return Number.NEGATIVE_INFINITY;
    default: {
      const value = text === '' ? Number.NaN : Number(text);
      return Number.isNaN(value) ? undefined : value;
    }
  }
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', '"': '"', '\\': '\\' };

/** Reads `{a="x",b="y"}` from the start of `text` (at `column` of its line); returns the labels and their length. */
function parseLabels(
  text: string,
  lineNumber: number,
  column: number,
): { labels: Record<string, string>; length: number } {
  const labels: Record<string, string> = {};
  let i = 1;
  for (;;) {
    while (text[i] === ' ' || text[i] === ',') i++;
    if (text[i] === '}') {
      return { labels, length: i + 1 };
    }
    const name = NAME.exec(text.slice(i))?.[0];
    if (!name || text[i + name.length] !== '=' || text[i + name.length + 1] !== '"') {
      throw new PrometheusParseError(lineNumber, `bad label at column ${column + i + 1}`);
    }
    i += name.length + 2;
    let value = '';
    while (text[i] !== '"') {
      const c = text[i];
      if (c === undefined) {
        throw new PrometheusParseError(lineNumber, `unterminated value of label ${name}`);
      }
      if (c === '\\') {
        const next = text[i + 1] ?? '';
        value += ESCAPES[next] ?? `\\${next}`;
        i += 2;
      } else {
        value += c;
        i++;
      }
    }
    labels[name] = value;
    i++;
  }
}
