/** Documented exit codes of the `burnrate` CLI. */
export const EXIT = {
  ok: 0,
  /** Invalid input: definitions with errors, drift in `check`, failed plans. */
  invalid: 1,
  /** Usage: unknown command or option, missing argument. */
  usage: 2,
} as const;

/** Thrown by commands to end with a given exit code after printing their own output. */
export class ExitError extends Error {
  constructor(
    readonly exitCode: number,
    message = '',
  ) {
    super(message);
  }
}
