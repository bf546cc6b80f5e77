/** Streams samples as OpenMetrics text, the input of `promtool tsdb create-blocks-from openmetrics`. */
import { createWriteStream, type WriteStream } from 'node:fs';

function labelText(labels: Record<string, string>): string {
  const inner = Object.entries(labels)
    .map(([k, v]) => `${k}="${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`)
    .join(',');
  return inner ? `{${inner}}` : '';
}

function valueText(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

export class OpenMetricsWriter {
  private readonly out: WriteStream;
  private buffer = '';
  samples = 0;

  constructor(file: string) {
    this.out = createWriteStream(file);
  }

  /** Samples of one series in time order; all series of one metric name must be written together. */
  async series(name: string, labels: Record<string, string>, samples: Iterable<[number, number]>): Promise<void> {
    const prefix = `${name}${labelText(labels)} `;
    for (const [t, v] of samples) {
      this.buffer += `${prefix}${valueText(v)} ${t}\n`;
      this.samples++;
      if (this.buffer.length > 1 << 20) await this.flush();
    }
  }

  private async flush(): Promise<void> {
    const chunk = this.buffer;
    this.buffer = '';
    if (!this.out.write(chunk)) await new Promise<void>((resolve) => this.out.once('drain', () => resolve()));
  }

  async close(): Promise<void> {
    this.buffer += '# EOF\n';
    await this.flush();
    await new Promise<void>((resolve, reject) => this.out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
}
