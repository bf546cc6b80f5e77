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
}

/** Optional details a check can attach to a problem. */
export type ProblemDetails = Pick<Problem, 'line' | 'column' | 'excerpt'>;

/** One line: `file › slo › field: message` (the file gets `:line:column` when known). */
export function formatProblem(problem: Problem): string {
  const position = problem.line ? `:${problem.line}${problem.column ? `:${problem.column}` : ''}` : '';
  const parts = [`${problem.file}${position}`];
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

/** Collects problems for one file and SLO, so checks only say what is wrong. */
export class ProblemSink {
  readonly problems: Problem[] = [];

  constructor(
    private readonly file: string,
    private readonly slo?: string,
  ) {}

  forSlo(slo: string): ProblemSink {
    const child = new ProblemSink(this.file, slo);
    (child as { problems: Problem[] }).problems = this.problems;
    return child;
  }

  error(code: string, field: string | undefined, message: string, details: ProblemDetails = {}): void {
    this.problems.push(this.make('error', code, field, message, details));
  }

  warning(code: string, field: string | undefined, message: string, details: ProblemDetails = {}): void {
    this.problems.push(this.make('warning', code, field, message, details));
  }

  private make(severity: Problem['severity'], code: string, field: string | undefined, message: string, details: ProblemDetails): Problem {
    return {
      severity,
      code,
      file: this.file,
      ...(this.slo ? { slo: this.slo } : {}),
      ...(field ? { field } : {}),
      message,
      ...details,
    };
  }
}
