/**
 * Errors the CLI reports in one line with an exit code (2 = usage, 1 = nothing to work with).
 */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: 1 | 2 = 2) {
    super(message);
  }
}
