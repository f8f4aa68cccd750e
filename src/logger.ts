import pino, { type Logger } from "pino";

/** Builds the process logger: JSON lines on stdout (pino), at `level` (see LOG_LEVEL in config.ts). */
export function createLogger(level = "info"): Logger {
  return pino({ level, base: { service: "storygraph" } });
}
export type { Logger };
