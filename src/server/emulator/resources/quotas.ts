// Quotas (seed 4.4.1): GET /autopilot/v3/projects/{project_id}/quotas. The only quota the Autopilot document
// names is the cluster quota, `autopilot_cluster` counted in `count` (example lines 14051-14057).
import type { Handlers } from '../handler.ts';
import { projectOf } from '../state.ts';

export const quotaHandlers: Handlers = {
  getQuotas: ({ state, projectId, region }) => {
    const used = Object.keys(projectOf(state, projectId).clusters).length;
    return {
      body: {
        quotas: [
          // Clusters count until their delete job removes them; the limit is the emulator's knob (default 5 per
          // region, line 743). regionId is sent because the quota is per region (table 4-373).
          { quotaKey: 'autopilot_cluster', quotaLimit: state.settings.clusterQuota, used, unit: 'count', regionId: region },
        ],
      },
    };
  },
};
