// Logging and the audit trail. Every line passes through the redactor, which removes the configured secrets, the
// secrets learnt at run time (IAM tokens, registered when fetched) and anything shaped like a signature, token or
// password, so no secret reaches a log.
import { openSync, writeSync } from 'node:fs';

/** One mutating call (README "Audit log"): who changed what, and what CCE answered. */
export type AuditEntry = {
  time: string;
  /** null when the path is not an operation of the contract (refused with 404). */
  operationId: string | null;
  method: string;
  path: string;
  clusterId: string | null;
  status: number;
  requestId: string | null;
  /** The socket's peer address (a load balancer's, behind one). */
  client: string | null;
  /** X-Forwarded-For as received: informative only, a client can write anything there. */
  forwardedFor: string | null;
  durationMs: number;
};

export type Redactor = {
  (text: string): string;
  /** Adds a secret learnt at run time (an IAM token); short strings are ignored, they would redact everything. */
  add(secret: string): void;
};

const minimumSecretLength = 4;

export function createRedactor(secrets: readonly string[]): Redactor {
  let known: string[] = [];
  const add = (secret: string) => {
    if (secret.length < minimumSecretLength || known.includes(secret)) return;
    // longest first, so that a secret containing another is removed whole
    known = [...known, secret].sort((a, b) => b.length - a.length);
  };
  for (const secret of secrets) add(secret);
  const redact = (text: string): string => {
    let out = text;
    for (const secret of known) if (out.includes(secret)) out = out.split(secret).join('[REDACTED]');
    return out
      .replace(/(Signature=)[0-9a-f]{16,}/gi, '$1[REDACTED]')
      .replace(/(Access=)[A-Za-z0-9]{8,}/g, '$1[REDACTED]')
      .replace(
        /("?(?:x-auth-token|x-subject-token|x-security-token|authorization|password|sk|secret|cookie|console_session)"?\s*[:=]\s*"?)[^"\s,;}]+/gi,
        '$1[REDACTED]',
      );
  };
  return Object.assign(redact, { add });
}

/** Where lines go; tests pass their own to read every line. */
export type LogSink = (stream: 'audit' | 'stdout' | 'stderr', line: string) => void;

export type AuditLog = {
  record(entry: AuditEntry): void;
  info(message: string): void;
  error(message: string, error?: unknown): void;
  /** Registers a secret learnt at run time with the redactor. */
  addSecret(secret: string): void;
};

export function createAuditLog(options: { file: string | null; secrets: readonly string[]; quiet?: boolean | undefined; sink?: LogSink | undefined }): AuditLog {
  const redact = createRedactor(options.secrets);
  // opened once, appended synchronously: the line is on its way to disk before the answer leaves
  let fd: number | null = null;
  const sink: LogSink =
    options.sink ??
    ((stream, line) => {
      if (stream === 'audit' && options.file) {
        fd ??= openSync(options.file, 'a', 0o600);
        writeSync(fd, line);
      } else if (stream === 'stderr') process.stderr.write(line);
      else if (!options.quiet) process.stdout.write(line);
    });
  return {
    // the audit trail goes to AUDIT_LOG, else stdout, one JSON object per line
    record: (entry) => sink('audit', `${redact(JSON.stringify({ type: 'audit', ...entry }))}\n`),
    info: (message) => sink('stdout', `${redact(message)}\n`),
    error: (message, error) => {
      const detail = error instanceof Error ? `${error.name}: ${error.message}` : error === undefined ? '' : String(error);
      sink('stderr', `${redact(`${message} ${detail}`.trim())}\n`);
    },
    addSecret: (secret) => redact.add(secret),
  };
}
