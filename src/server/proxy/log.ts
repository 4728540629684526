// Logging and the audit trail. Every line passes through redact(), which removes the configured secrets and
// anything shaped like a signature, token or password, so no secret reaches a log.
import { appendFileSync } from 'node:fs';

export type AuditEntry = {
  time: string;
  operationId: string;
  method: string;
  clusterId: string | null;
  status: number;
  requestId: string | null;
  client: string | null;
  durationMs: number;
};

export type AuditLog = {
  record(entry: AuditEntry): void;
  info(message: string): void;
  error(message: string, error?: unknown): void;
};

export function createRedactor(secrets: readonly string[]) {
  const known = secrets.filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  return function redact(text: string): string {
    let out = text;
    for (const secret of known) out = out.split(secret).join('[REDACTED]');
    return out
      .replace(/(Signature=)[0-9a-f]{16,}/gi, '$1[REDACTED]')
      .replace(/("?(?:x-auth-token|x-subject-token|password|sk|secret)"?\s*[:=]\s*"?)[^"\s,}]+/gi, '$1[REDACTED]');
  };
}

export function createAuditLog(options: { file: string | null; secrets: readonly string[]; quiet?: boolean }): AuditLog {
  const redact = createRedactor(options.secrets);
  const write = (line: string) => {
    const safe = `${redact(line)}\n`;
    if (options.file) appendFileSync(options.file, safe);
    else if (!options.quiet) process.stdout.write(safe);
  };
  return {
    record: (entry) => write(JSON.stringify({ type: 'audit', ...entry })),
    info: (message) => {
      if (!options.quiet) process.stdout.write(`${redact(message)}\n`);
    },
    error: (message, error) => {
      const detail = error instanceof Error ? `${error.name}: ${error.message}` : error === undefined ? '' : String(error);
      process.stderr.write(`${redact(`${message} ${detail}`.trim())}\n`);
    },
  };
}
