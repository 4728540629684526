import { describe, expect, it } from 'vitest';
import { createAuditLog, createRedactor } from './log.ts';
import { proxyTestSecrets as s } from './test-servers.ts';

describe('log redaction', () => {
  it('removes the configured secrets and secret-shaped values', () => {
    const redact = createRedactor([s.ak, s.sk]);
    const line = redact(
      `ak ${s.ak} sk ${s.sk} Authorization: SDK-HMAC-SHA256 Access=OTHERAK12345678, SignedHeaders=host;x-sdk-date, Signature=${'ab'.repeat(32)} X-Subject-Token: MIIabc x-auth-token=MIIdef {"password":"hunter2hunter2"}`,
    );
    expect(line).not.toContain(s.ak);
    expect(line).not.toContain(s.sk);
    expect(line).not.toContain('OTHERAK12345678');
    expect(line).not.toContain('ab'.repeat(32));
    expect(line).not.toContain('MIIabc');
    expect(line).not.toContain('MIIdef');
    expect(line).not.toContain('hunter2hunter2');
  });

  it('removes a secret learnt at run time (an IAM token) from every later line', () => {
    const lines: string[] = [];
    const log = createAuditLog({ file: null, secrets: [], sink: (_stream, line) => lines.push(line) });
    const token = 'MIIruntime-token-learnt-later-0123456789';
    log.info(`before ${token}`);
    log.addSecret(token);
    log.info(`after ${token}`);
    log.error('failed', new Error(`upstream said ${token}`));
    log.record({
      time: new Date().toISOString(),
      operationId: 'deleteCluster',
      method: 'DELETE',
      path: `/x/${token}`,
      clusterId: token,
      status: 200,
      requestId: null,
      client: null,
      forwardedFor: null,
      durationMs: 1,
    });
    expect(lines[0]).toContain(token);
    for (const line of lines.slice(1)) expect(line).not.toContain(token);
    expect(lines[3]).toMatch(/^\{"type":"audit"/);
  });
});
