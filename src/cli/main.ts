/** Composition root of the CLI: runs the command tree and maps failures to documented exit codes. */
import { CommanderError } from 'commander';
import { buildProgram } from './program.js';
import { EXIT, EXIT_CODES_HELP, ExitError } from './exit-codes.js';

/** `burnrate check | head` closes stdout early; that is the reader's choice, not a crash. */
function ignoreClosedStdout(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? EXIT.ok);
  });
}

export async function main(argv: readonly string[]): Promise<number> {
  ignoreClosedStdout();
  const program = buildProgram().addHelpText('after', `\n${EXIT_CODES_HELP}`);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof ExitError) {
      if (error.message) process.stderr.write(`${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof CommanderError) {
      // --help and --version end through here with code 0.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    process.stderr.write(`burnrate: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.invalid;
  }
}
