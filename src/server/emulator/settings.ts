// Knobs of the emulated service, part of the state (so they persist and reset with a scenario), changed through
// PUT /__emulator/settings. Durations are in virtual milliseconds of the emulator clock.
import { z } from 'zod';

const ms = z.number().int().min(0).max(7 * 24 * 3600_000);

export const emulatorSettingsSchema = z.strictObject({
  durations: z.strictObject({
    clusterCreate: ms,
    clusterDelete: ms,
    addonInstall: ms,
    addonUpgrade: ms,
    addonRollback: ms,
    addonDelete: ms,
    precheck: ms,
    snapshot: ms,
    upgrade: ms,
    postcheck: ms,
    releaseInstall: ms,
    releaseUpgrade: ms,
    releaseDelete: ms,
  }),
  /** Add-on template name → reason: its next install / upgrade ends installFailed / upgradeFailed. */
  addonInstallFailures: z.record(z.string(), z.string()),
  addonUpgradeFailures: z.record(z.string(), z.string()),
  /** Add-on template name → reason: its next rollback / uninstall ends rollbackFailed / deleteFailed (table 4-156). */
  addonRollbackFailures: z.record(z.string(), z.string()),
  addonDeleteFailures: z.record(z.string(), z.string()),
  /** Chart name → reason: the next install / upgrade / rollback of a release of that chart ends FAILED. */
  releaseFailures: z.record(z.string(), z.string()),
  /** The next cluster creation ends in Error with this reason. */
  clusterCreateFailure: z.string().nullable(),
  /** The next cluster upgrade task fails with this reason (retry then succeeds). */
  upgradeFailure: z.string().nullable(),
  /** Cluster quota per project (seed 4.1.1: 5 by default). */
  clusterQuota: z.number().int().min(0).max(1000),
  /** Chart quota per project. */
  chartQuota: z.number().int().min(0).max(10_000),
});

export type EmulatorSettings = z.infer<typeof emulatorSettingsSchema>;

export function defaultSettings(): EmulatorSettings {
  return {
    durations: {
      clusterCreate: 6 * 60_000,
      clusterDelete: 2 * 60_000,
      addonInstall: 60_000,
      addonUpgrade: 90_000,
      addonRollback: 60_000,
      addonDelete: 30_000,
      precheck: 60_000,
      snapshot: 2 * 60_000,
      upgrade: 10 * 60_000,
      postcheck: 60_000,
      releaseInstall: 30_000,
      releaseUpgrade: 30_000,
      releaseDelete: 15_000,
    },
    addonInstallFailures: {},
    addonUpgradeFailures: {},
    releaseFailures: {},
    addonRollbackFailures: {},
    addonDeleteFailures: {},
    clusterCreateFailure: null,
    upgradeFailure: null,
    clusterQuota: 5,
    chartQuota: 20,
  };
}

/** Partial update: nested durations merge. */
export const emulatorSettingsPatchSchema = emulatorSettingsSchema
  .extend({ durations: emulatorSettingsSchema.shape.durations.partial() })
  .partial();
