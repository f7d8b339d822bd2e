// Output sinks for the mpy-tool commands. mpy-tool prints lines; with -j it instead collects them into
// a compiler-explorer style JSON document, where lines may carry annotations and define labels.
import { pyJson } from './pyrepr.js';

export type Annotations = Record<string, unknown>;

export interface Printer {
  line(text: string, annotations?: Annotations, labels?: readonly string[]): void;
}

/** Plain text: one line per call. */
export class TextPrinter implements Printer {
  readonly lines: string[] = [];
  line(text: string): void {
    this.lines.push(text);
  }
  text(): string {
    return this.lines.length ? this.lines.join('\n') + '\n' : '';
  }
}

/** mpy-tool's -j: every line becomes {"text", ...annotations}; labels map to 1-based line numbers. */
export class JsonPrinter implements Printer {
  private readonly asm: Annotations[] = [];
  private readonly labelDefinitions: Record<string, number> = {};
  /** Upstream echoes each line to stderr while building the JSON. */
  readonly echo: string[] = [];
  constructor(private readonly languageId: string) {}
  line(text: string, annotations: Annotations = {}, labels: readonly string[] = []): void {
    this.echo.push(text);
    this.asm.push({ text, ...annotations });
    for (const l of labels) this.labelDefinitions[l] = this.asm.length;
  }
  text(): string {
    return pyJson({ asm: this.asm, labelDefinitions: this.labelDefinitions, languageId: this.languageId });
  }
}
