/** Documented exit codes of the `burnrate` CLI. */
export const EXIT = {
  ok: 0,
  /** Invalid input: definitions with errors, drift in `check`, failed plans. */
  invalid: 1,
  /** Usage: unknown command or option, missing argument. */
  usage: 2,
} as const;

export const EXIT_CODES_HELP = `Exit codes:
  0  success (warnings allowed)
  1  invalid input: definitions with errors, drift in check, failed plans
  2  usage: unknown command or option, missing argument or required option`;

/** Thrown by commands to end with a given exit code after printing their own output. */
export class ExitError extends Error {
  constructor(
    readonly exitCode: number,
    message = '',
  ) {
    super(message);
  }
}
