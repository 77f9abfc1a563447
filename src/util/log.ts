import pino, { type Logger } from "pino";

/** JSON logs on stderr, so stdout stays clean for plans and tables. */
export function createLogger(level = process.env.GAMECTL_LOG_LEVEL ?? "warn"): Logger {
  return pino({ level, base: { app: "gamectl" } }, pino.destination(2));
}
