/** A problem found in the input: where it is (file, SLO, field) and what was expected. */
export interface Problem {
  severity: 'error' | 'warning';
  /** Stable machine-readable code, e.g. "objective-range". */
  code: string;
  file: string;
  /** SLO id, when the problem belongs to one SLO. */
  slo?: string;
  /** Field path inside the SLO (or the file), e.g. "sli.total" or "alerting.minEvents". */
  field?: string;
  message: string;
  /** Position in the file (1-based), when the loader knows it, e.g. a syntax error in a module. */
  line?: number;
  column?: number;
  /** Lines shown under the message, e.g. a PromQL expression with a caret under the error. */
  excerpt?: string[];
  /** 1-based document of a file holding several (`---` documents, or items of a top-level list). */
  document?: number;
}

/** Optional details a check can attach to a problem. */
export type ProblemDetails = Pick<Problem, 'line' | 'column' | 'excerpt'>;

/** One line: `file › document N › slo › field: message` (the file gets `:line:column` when known). */
export function formatProblem(problem: Problem): string {
  const position = problem.line ? `:${problem.line}${problem.column ? `:${problem.column}` : ''}` : '';
  const parts = [`${problem.file}${position}`];
  if (problem.document !== undefined) parts.push(`document ${problem.document}`);
  if (problem.slo) parts.push(problem.slo);
  const where = parts.join(' › ');
  const field = problem.field ? ` › ${problem.field}` : '';
  return `${where}${field}: ${problem.message}`;
}

export function errorsOf(problems: readonly Problem[]): Problem[] {
  return problems.filter((p) => p.severity === 'error');
}

export function warningsOf(problems: readonly Problem[]): Problem[] {
  return problems.filter((p) => p.severity === 'warning');
}

/** Rewrites field paths, e.g. from a converted form back to the terms the author wrote. */
export type FieldRewrite = (field: string) => string;

interface SinkContext {
  slo?: string;
  document?: number;
  rewrite?: FieldRewrite;
}

/** Collects problems for one file and SLO, so checks only say what is wrong. */
export class ProblemSink {
  readonly problems: Problem[] = [];
  private context: SinkContext = {};

  constructor(
    private readonly file: string,
    slo?: string,
  ) {
    if (slo !== undefined) this.context = { slo };
  }

  private child(context: SinkContext): ProblemSink {
    const child = new ProblemSink(this.file);
    child.context = context;
    (child as { problems: Problem[] }).problems = this.problems;
    return child;
  }

  forSlo(slo: string): ProblemSink {
    return this.child({ ...this.context, slo });
  }

  /** Problems of one document of a multi-document file (1-based). */
  forDocument(document: number): ProblemSink {
    return this.child({ ...this.context, document });
  }

  /** Field paths go through `rewrite` before they are recorded. */
  rewriting(rewrite: FieldRewrite): ProblemSink {
    const outer = this.context.rewrite;
    return this.child({ ...this.context, rewrite: outer ? (field) => outer(rewrite(field)) : rewrite });
  }

  error(code: string, field: string | undefined, message: string, details: ProblemDetails = {}): void {
    this.problems.push(this.make('error', code, field, message, details));
  }

  warning(code: string, field: string | undefined, message: string, details: ProblemDetails = {}): void {
    this.problems.push(this.make('warning', code, field, message, details));
  }

  private make(severity: Problem['severity'], code: string, field: string | undefined, message: string, details: ProblemDetails): Problem {
    const { slo, document, rewrite } = this.context;
    const written = field !== undefined && rewrite ? rewrite(field) : field;
    return {
      severity,
      code,
      file: this.file,
      ...(slo ? { slo } : {}),
      ...(written ? { field: written } : {}),
      message,
      ...details,
      ...(document !== undefined ? { document } : {}),
    };
  }
}
