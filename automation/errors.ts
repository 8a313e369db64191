/** Surprises are thrown as a `DocketError` with a stable `code`; expected outcomes are values. */
export class DocketError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** The configuration cannot be used; the message names the file, line and key. */
export class ConfigError extends DocketError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("config_invalid", message, options);
  }
}

/** A git command failed. */
export class GitError extends DocketError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("git_failed", message, options);
  }
}
