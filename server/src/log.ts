/** One structured log line. Never put passwords, tokens, emails or profile data in one. */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

/** JSON-lines logger: one object per line, ready for any log shipper. */
export function jsonLogger(write: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Logger {
  const log = (level: string) => (msg: string, fields: LogFields = {}) =>
    write(JSON.stringify({ ts: new Date().toISOString(), level, msg, ...fields }));
  return { info: log('info'), warn: log('warn'), error: log('error') };
}

/** A logger that keeps lines in memory, for tests. */
export function memoryLogger(): Logger & { lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = jsonLogger((l) => lines.push(JSON.parse(l) as Record<string, unknown>));
  return Object.assign(logger, { lines });
}
