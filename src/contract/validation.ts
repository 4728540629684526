// One way to turn a zod failure into the sentence a user or a caller reads, used by the emulator's 400s,
// the proxy's refusals and the SPA's forms, so all three say the same thing.
import type { z } from 'zod';

export type FieldIssue = { path: string; message: string };

export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

/** "spec.hostNetwork.vpc: Invalid input: expected string, received undefined; metadata.name: …" */
export function describeIssues(error: z.ZodError, prefix?: string): string {
  return fieldIssues(error)
    .map(({ path, message }) => {
      const full = [prefix, path].filter(Boolean).join('.');
      return full && !message.startsWith(full) ? `${full}: ${message}` : message;
    })
    .join('; ');
}
