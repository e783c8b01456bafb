/** A small structured logger: one JSON line per entry. PII is the caller's duty to leave out. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface Log {
  debug(msg: string, data?: Record<string, unknown>): void;
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
  child(bindings: Record<string, unknown>): Log;
}

export function createLog(level: LogLevel, bindings: Record<string, unknown> = {}, write = (line: string) => process.stderr.write(line + '\n')): Log {
  const emit = (at: Exclude<LogLevel, 'silent'>, msg: string, data?: Record<string, unknown>) => {
    if (order[at] < order[level]) return;
    const extra = data?.err instanceof Error ? { ...data, err: { message: data.err.message, stack: data.err.stack } } : data;
    write(JSON.stringify({ t: new Date().toISOString(), level: at, msg, ...bindings, ...extra }));
  };
  return {
    debug: (m, d) => emit('debug', m, d),
    info: (m, d) => emit('info', m, d),
    warn: (m, d) => emit('warn', m, d),
    error: (m, d) => emit('error', m, d),
    child: (more) => createLog(level, { ...bindings, ...more }, write),
  };
}
