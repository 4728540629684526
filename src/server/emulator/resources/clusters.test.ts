import { beforeEach, describe, expect, it } from 'vitest';
import { addonInstallAnnotationKey, type CreateClusterBody } from '../../../contract/clusters.ts';
import { operations } from '../../../contract/operations.ts';
import { parseServiceTime } from '../../../contract/time.ts';
import { createTestEmulator, type TestEmulator } from '../test-client.ts';
import { addonInstancesOfCluster } from './addons.ts';
import { latestClusterVersion, supportedClusterVersions } from './clusters.ts';

const MIN = 60_000;
const vpc = 'c6549063-d459-4ae1-9550-b5fec6741b0f';
const subnet = '186f9322-50c5-4e5a-91e3-47da86959afc';

function createBody(name: string, overrides: { metadata?: Partial<CreateClusterBody['metadata']>; spec?: Partial<CreateClusterBody['spec']> } = {}): CreateClusterBody {
  return {
    kind: 'Cluster',
    apiVersion: 'v3',
    metadata: { name, ...overrides.metadata },
    spec: {
      category: 'Turbo',
      type: 'VirtualMachine',
      flavor: 'cce.autopilot.cluster',
      version: 'v1.31',
      hostNetwork: { vpc },
      containerNetwork: { mode: 'eni' },
      eniNetwork: { subnets: [{ subnetID: subnet }] },
      ...overrides.spec,
    },
  };
}

type ClusterJson = ReturnType<typeof operations.getCluster.response.parse>;
type JobJson = ReturnType<typeof operations.getJob.response.parse>;

let t: TestEmulator;
let base: string;

const getCluster = async (id: string, query?: Record<string, string>) => {
  const res = await t.call('GET', `${base}/clusters/${id}`, query ? { query } : {});
  return { ...res, cluster: res.status === 200 ? operations.getCluster.response.parse(res.json) : null };
};
const getJob = async (id: string): Promise<JobJson> => {
  const res = await t.call('GET', `${base}/jobs/${id}`);
  expect(res.status).toBe(200);
  return operations.getJob.response.parse(res.json);
};
async function create(body: CreateClusterBody): Promise<ClusterJson> {
  const res = await t.call('POST', `${base}/clusters`, { body });
  expect(res.status, res.text).toBe(201);
  return operations.createCluster.response.parse(res.json);
}
async function listClusters(query?: Record<string, string>) {
  const res = await t.call('GET', `${base}/clusters`, query ? { query } : {});
  expect(res.status).toBe(200);
  return operations.listClusters.response.parse(res.json).items;
}
const byName = async (name: string) => {
  const found = (await listClusters()).find((c) => c.metadata.name === name);
  if (!found?.metadata.uid) throw new Error(`no demo cluster ${name}`);
  return found;
};
const subPhases = (job: JobJson) => (job.spec?.subJobs ?? []).map((s) => `${s.spec?.type}:${s.status?.phase}`);

beforeEach(() => {
  t = createTestEmulator();
  base = `/autopilot/v3/projects/${t.projectId}`;
});

describe('demo clusters', () => {
  it('lists four clusters in different phases with realistic networks and no emulator-private keys', async () => {
    const res = await t.call('GET', `${base}/clusters`);
    expect(res.text).not.toContain('emulator');
    const items = operations.listClusters.response.parse(res.json).items;
    expect(items.map((c) => [c.metadata.name, c.status?.phase]).sort()).toEqual([
      ['analytics-batch', 'Unavailable'],
      ['legacy-portal', 'Available'],
      ['prod-payments', 'Available'],
      ['staging-api', 'Creating'],
    ]);
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    for (const cluster of items) {
      expect(cluster.spec.hostNetwork?.vpc).toMatch(uuid);
      expect(cluster.spec.hostNetwork?.subnet).toMatch(uuid);
      expect(cluster.spec.eniNetwork?.subnets.length).toBeGreaterThan(0);
      expect(cluster.metadata.annotations.enableAutopilot).toBe('true');
    }
    const prod = items.find((c) => c.metadata.name === 'prod-payments');
    expect(prod?.spec.clusterTags).toContainEqual({ key: 'env', value: 'production' });
    expect(items.find((c) => c.metadata.name === 'analytics-batch')?.status?.reason).toBe('ControlPlaneUnhealthy');
  });

  it('the Creating demo cluster has a real create job and becomes Available after the create duration', async () => {
    const staging = await byName('staging-api');
    expect(staging.status?.jobID).toBeTruthy();
    expect((await getJob(staging.status?.jobID ?? '')).status?.phase).toBe('Running');
    t.advance(4 * MIN + 1000);
    const { cluster } = await getCluster(staging.metadata.uid ?? '');
    expect(cluster?.status?.phase).toBe('Available');
    expect(cluster?.status?.endpoints).toEqual([
      { url: `https://${staging.metadata.uid}.cluster.cce.cn-north-4.myhuaweicloud.com:5443`, type: 'Internal' },
    ]);
    expect((await getJob(staging.status?.jobID ?? '')).status?.phase).toBe('Success');
  });
});

describe('createCluster', () => {
  it('answers 201 Creating with the job in status and annotations, the latest version by default', async () => {
    const { version: _version, ...spec } = createBody('team-a-dev').spec;
    const res = await t.call('POST', `${base}/clusters`, {
      body: { ...createBody('team-a-dev'), spec: { ...spec, clusterTags: [{ key: 'env', value: 'dev' }], description: 'Team A' } },
    });
    expect(res.status).toBe(201);
    const cluster = operations.createCluster.response.parse(res.json);
    expect(cluster.status?.phase).toBe('Creating');
    expect(cluster.status?.jobID).toBeTruthy();
    expect(cluster.metadata.annotations.jobid).toBe(cluster.status?.jobID);
    expect(cluster.metadata.annotations.resourceJobId).toBeTruthy();
    expect(cluster.spec.version).toBe(latestClusterVersion.version);
    expect(cluster.spec.platformVersion).toBe(latestClusterVersion.platformVersion);
    expect(cluster.spec.clusterTags).toEqual([{ key: 'env', value: 'dev' }]);
    expect(cluster.spec.description).toBe('Team A');
    expect(cluster.spec.serviceNetwork?.IPv4CIDR).toBe('10.247.0.0/16');
    expect(cluster.spec.hostNetwork?.vpc).toBe(vpc);
    expect(cluster.spec.hostNetwork?.subnet).toBeTruthy();
    expect(cluster.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ \+0000 UTC$/);

    // the resource job named in the annotations is the InstallMaster sub-job
    const resourceJob = await getJob(cluster.metadata.annotations.resourceJobId ?? '');
    expect(resourceJob.spec?.type).toBe('InstallMaster');
    // annotations are not persisted (line 781)
    const { cluster: stored } = await getCluster(cluster.metadata.uid ?? '');
    expect(stored?.metadata.annotations.jobid).toBeUndefined();
  });

  it('runs the CreateCluster job Initializing → Running → Success, sub-jobs in sequence, then the cluster is Available', async () => {
    const duration = t.emulator.state.settings.durations.clusterCreate;
    const cluster = await create(createBody('sequence-test'));
    const uid = cluster.metadata.uid ?? '';
    const jobId = cluster.status?.jobID ?? '';
    const createdAt = parseServiceTime(cluster.metadata.creationTimestamp);

    let job = await getJob(jobId);
    expect(job.kind).toBe('Job');
    expect(job.spec).toMatchObject({ type: 'CreateCluster', clusterUID: uid, resourceID: uid, resourceName: 'sequence-test' });
    expect(job.status?.phase).toBe('Initializing');
    expect(subPhases(job)).toEqual(['InstallMaster:Initializing', 'CreatePSMCert:Initializing']);

    t.advance(duration * 0.1);
    job = await getJob(jobId);
    expect(job.status?.phase).toBe('Running');
    expect(subPhases(job)).toEqual(['InstallMaster:Running', 'CreatePSMCert:Initializing']);

    t.advance(duration * 0.8);
    job = await getJob(jobId);
    expect(job.status?.phase).toBe('Running');
    expect(subPhases(job)).toEqual(['InstallMaster:Success', 'CreatePSMCert:Running']);
    expect((await getCluster(uid)).cluster?.status?.phase).toBe('Creating');

    t.advance(duration * 0.1 + 1);
    job = await getJob(jobId);
    expect(job.status?.phase).toBe('Success');
    expect(subPhases(job)).toEqual(['InstallMaster:Success', 'CreatePSMCert:Success']);
    const { cluster: available } = await getCluster(uid);
    expect(available?.status?.phase).toBe('Available');
    expect(available?.status?.jobID).toBeFalsy();
    expect(available?.status?.endpoints).toEqual([{ url: `https://${uid}.cluster.cce.cn-north-4.myhuaweicloud.com:5443`, type: 'Internal' }]);
    expect(parseServiceTime(available?.metadata.updateTimestamp)).toBe(createdAt + duration);
  });

  it('lands on the right state when the clock jumps hours at once, stamped with the time the job finished', async () => {
    const cluster = await create(createBody('jump-test'));
    const createdAt = parseServiceTime(cluster.metadata.creationTimestamp);
    t.advance(5 * 3600_000);
    const { cluster: available } = await getCluster(cluster.metadata.uid ?? '');
    expect(available?.status?.phase).toBe('Available');
    expect(parseServiceTime(available?.metadata.updateTimestamp)).toBe(createdAt + t.emulator.state.settings.durations.clusterCreate);
    const job = await getJob(cluster.status?.jobID ?? '');
    expect(parseServiceTime(job.metadata?.updateTimestamp)).toBe(createdAt + t.emulator.state.settings.durations.clusterCreate);
  });

  it('installs the add-ons of the create annotation when the cluster becomes Available', async () => {
    const annotation = JSON.stringify([
      { addonTemplateName: 'coredns', values: { flavor: { name: 'autopilot-flavor1', replicas: 2 } } },
      { addonTemplateName: 'metrics-server', values: {} },
    ]);
    const cluster = await create(createBody('with-addons', { metadata: { annotations: { [addonInstallAnnotationKey]: annotation } } }));
    const uid = cluster.metadata.uid ?? '';
    expect(cluster.metadata.annotations[addonInstallAnnotationKey]).toBeUndefined();
    expect(subPhases(await getJob(cluster.status?.jobID ?? ''))).toContain('InstallAddons:Initializing');

    const installed = async () => {
      const res = await t.call('GET', '/autopilot/v3/addons', { query: { cluster_id: uid } });
      expect(res.status).toBe(200);
      const list = operations.listAddonInstances.response.parse(res.json);
      return list.items.map((i) => ({ name: i.spec.addonTemplateName, values: i.spec.values, created: i.metadata.creationTimestamp })).sort((a, b) => String(a.name).localeCompare(String(b.name)));
    };

    t.advance(t.emulator.state.settings.durations.clusterCreate - 1000);
    await getCluster(uid);
    expect(await installed()).toEqual([]);

    t.advance(1000);
    expect((await getCluster(uid)).cluster?.status?.phase).toBe('Available');
    const after = await installed();
    expect(after.map((i) => i.name)).toEqual(['coredns', 'metrics-server']);
    expect(after[0]?.values).toMatchObject({ flavor: { name: 'autopilot-flavor1', replicas: 2 } });
    // installed at the moment the creation job finished
    const finishedAt = parseServiceTime(cluster.metadata.creationTimestamp) + t.emulator.state.settings.durations.clusterCreate;
    // add-on timestamps are RFC 3339 to the second
    expect(Math.abs(parseServiceTime(after[0]?.created) - finishedAt)).toBeLessThan(1000);
    // the installed add-ons show in the detail annotation
    const detail = await getCluster(uid, { detail: 'true' });
    const annotated = JSON.parse(detail.cluster?.metadata.annotations.installedAddonInstances ?? '[]') as { addonTemplateName: string }[];
    expect(annotated.map((i) => i.addonTemplateName).sort()).toEqual(['coredns', 'metrics-server']);
    // once only
    t.advance(MIN);
    await getCluster(uid);
    expect(await installed()).toHaveLength(2);
  });

  it('refuses an annotation naming an add-on that cannot be installed on the new cluster', async () => {
    for (const list of [[{ addonTemplateName: 'no-such-addon', values: {} }], [{ addonTemplateName: 'coredns' }, { addonTemplateName: 'coredns' }]]) {
      const res = await t.call('POST', `${base}/clusters`, {
        body: createBody('bad-addons', { metadata: { annotations: { [addonInstallAnnotationKey]: JSON.stringify(list) } } }),
      });
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ errorCode: 'CCE.01400001' });
      expect((res.json as { errorMessage: string }).errorMessage).toContain(addonInstallAnnotationKey);
    }
    expect(await listClusters()).toHaveLength(4);
  });

  it('an injected creation failure makes the job Failed and the cluster Error, then is cleared', async () => {
    t.emulator.state.settings.clusterCreateFailure = 'agency cce_admin_trust does not exist';
    const failing = await create(createBody('doomed-cluster', { metadata: { annotations: { [addonInstallAnnotationKey]: '[{"addonTemplateName":"coredns","values":{}}]' } } }));
    expect(t.emulator.state.settings.clusterCreateFailure).toBeNull();
    t.advance(t.emulator.state.settings.durations.clusterCreate);
    const job = await getJob(failing.status?.jobID ?? '');
    expect(job.status).toMatchObject({ phase: 'Failed', reason: 'agency cce_admin_trust does not exist' });
    expect(subPhases(job)).toEqual(['InstallMaster:Failed', 'CreatePSMCert:Initializing', 'InstallAddons:Initializing']);
    const { cluster } = await getCluster(failing.metadata.uid ?? '');
    expect(cluster?.status?.phase).toBe('Error');
    expect(cluster?.status?.reason).toBe('agency cce_admin_trust does not exist');
    expect(cluster?.status?.message).toMatch(/InstallMaster/);
    // a cluster that never became Available gets none of its add-ons
    expect(addonInstancesOfCluster(t.emulator.state, t.projectId, failing.metadata.uid ?? '')).toEqual([]);

    // an Error cluster still counts against the quota until it is deleted by hand (line 883)
    expect((await t.call('DELETE', `${base}/clusters/${failing.metadata.uid}`)).status).toBe(200);
    t.advance(t.emulator.state.settings.durations.clusterDelete);
    const next = await create(createBody('healthy-cluster'));
    t.advance(t.emulator.state.settings.durations.clusterCreate);
    expect((await getCluster(next.metadata.uid ?? '')).cluster?.status?.phase).toBe('Available');
  });

  it('refuses the sixth cluster of the project: 400 CCE.01400007 (the demo has four, the quota is five)', async () => {
    await create(createBody('fifth-cluster'));
    const res = await t.call('POST', `${base}/clusters`, { body: createBody('sixth-cluster') });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ errorCode: 'CCE.01400007' });
    expect((res.json as { errorMessage: string }).errorMessage).toMatch(/5 of 5/);
    expect(await listClusters()).toHaveLength(5);

    t.emulator.state.settings.clusterQuota = 6;
    await create(createBody('sixth-cluster'));
  });

  it('refuses a duplicate name, and names or aliases already used as another cluster name or alias: 409 CCE.01409001', async () => {
    for (const body of [
      createBody('prod-payments'),
      createBody('payments-prod'), // the alias of prod-payments
      createBody('new-cluster', { metadata: { alias: 'legacy-portal' } }),
      createBody('new-cluster', { metadata: { alias: 'payments-prod' } }),
    ]) {
      const res = await t.call('POST', `${base}/clusters`, { body });
      expect(res.status, JSON.stringify(body.metadata)).toBe(409);
      expect(res.json).toMatchObject({ errorCode: 'CCE.01409001' });
    }
    // an alias equal to the cluster's own name is the default and accepted
    const own = await create(createBody('new-cluster', { metadata: { alias: 'new-cluster' } }));
    expect(own.metadata.alias).toBeFalsy();
  });

  it('refuses a version the service does not offer: 400 CCE.01400015; every offered version is creatable', async () => {
    const res = await t.call('POST', `${base}/clusters`, { body: createBody('old-version', { spec: { version: 'v1.25' } }) });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ errorCode: 'CCE.01400015' });
    expect((res.json as { errorMessage: string }).errorMessage).toContain('v1.28');

    const oldest = supportedClusterVersions[0];
    const cluster = await create(createBody('oldest-version', { spec: { version: oldest.version, platformVersion: 'cce.1.0' } }));
    // platformVersion is chosen by the service: the latest of the version (line 797)
    expect(cluster.spec).toMatchObject({ version: oldest.version, platformVersion: oldest.platformVersion });
  });

  it('refuses what Autopilot does not support and invalid bodies with 400 CCE.01400001', async () => {
    for (const spec of [{ customSan: ['example.com'] }, { ipv6enable: true }]) {
      const res = await t.call('POST', `${base}/clusters`, { body: createBody('unsupported', { spec }) });
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ errorCode: 'CCE.01400001' });
      expect((res.json as { errorMessage: string }).errorMessage).toMatch(/not supported/);
    }
    const res = await t.call('POST', `${base}/clusters`, { body: createBody('Bad_Name') });
    expect(res.status).toBe(400);
    expect((res.json as { errorMessage: string }).errorMessage).toMatch(/metadata\.name/);
  });
});

describe('getCluster and listClusters', () => {
  it('answers 404 CCE.01404001 for an unknown cluster', async () => {
    const res = await t.call('GET', `${base}/clusters/5b3c1f0e-0000-4000-8000-000000000000`);
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ errorCode: 'CCE.01404001' });
  });

  it('with detail=true puts the installed add-ons into the annotations', async () => {
    const prod = await byName('prod-payments');
    const uid = prod.metadata.uid ?? '';
    const res = await t.call('GET', '/autopilot/v3/addons', { query: { cluster_id: uid } });
    const instances = operations.listAddonInstances.response.parse(res.json).items;
    expect(instances.length).toBeGreaterThan(0);
    const { cluster } = await getCluster(uid, { detail: 'true' });
    const annotated = JSON.parse(cluster?.metadata.annotations.installedAddonInstances ?? 'null') as Array<{ addonTemplateName: string; version: string; status: string }>;
    const byTemplate = (a: { addonTemplateName?: string | null }, b: { addonTemplateName?: string | null }) =>
      String(a.addonTemplateName).localeCompare(String(b.addonTemplateName));
    expect(annotated.sort(byTemplate)).toEqual(
      instances.map((i) => ({ addonTemplateName: i.spec.addonTemplateName, version: i.spec.version, status: i.status?.status })).sort(byTemplate),
    );
    const plain = await getCluster(uid);
    expect(plain.cluster?.metadata.annotations.installedAddonInstances).toBeUndefined();
  });

  it('filters the list by status and version', async () => {
    expect((await listClusters({ status: 'Available' })).map((c) => c.metadata.name).sort()).toEqual(['legacy-portal', 'prod-payments']);
    expect((await listClusters({ version: 'v1.28' })).map((c) => c.metadata.name)).toEqual(['legacy-portal']);
    expect(await listClusters({ status: 'Upgrading' })).toEqual([]);
  });
});

describe('updateCluster', () => {
  const put = (id: string, body: unknown) => t.call('PUT', `${base}/clusters/${id}`, { body });

  it('changes the description and alias of an Available cluster', async () => {
    const prod = await byName('prod-payments');
    const res = await put(prod.metadata.uid ?? '', { spec: { description: 'Payments, PCI zone' }, metadata: { alias: 'payments-pci' } });
    expect(res.status).toBe(200);
    const updated = operations.updateCluster.response.parse(res.json);
    expect(updated.spec.description).toBe('Payments, PCI zone');
    expect(updated.metadata.alias).toBe('payments-pci');
    expect((await getCluster(prod.metadata.uid ?? '')).cluster?.spec.description).toBe('Payments, PCI zone');
    // an empty alias leaves it unchanged (line 2368)
    const again = await put(prod.metadata.uid ?? '', { spec: {}, metadata: { alias: '' } });
    expect(operations.updateCluster.response.parse(again.json).metadata.alias).toBe('payments-pci');
  });

  it('refuses a description change unless the cluster is Available (400), and any change while Creating (429)', async () => {
    const analytics = await byName('analytics-batch');
    let res = await put(analytics.metadata.uid ?? '', { spec: { description: 'x' } });
    expect(res.status).toBe(400);
    expect((res.json as { errorMessage: string }).errorMessage).toMatch(/only while the cluster is Available \(it is Unavailable\)/);

    const staging = await byName('staging-api');
    res = await put(staging.metadata.uid ?? '', { spec: { description: 'x' } });
    expect(res.status).toBe(400);
    res = await put(staging.metadata.uid ?? '', { spec: {}, metadata: { alias: 'staging-renamed' } });
    expect(res.status).toBe(429);
    expect(res.json).toMatchObject({ errorCode: 'CCE.01429002' });
    expect((res.json as { errorMessage: string }).errorMessage).toMatch(/Creating/);
  });

  it('adds ENI subnets but refuses to remove one', async () => {
    const prod = await byName('prod-payments');
    const existing = (prod.spec.eniNetwork?.subnets ?? []).map((s) => ({ subnetID: s.subnetID }));
    expect(existing.length).toBe(2);
    let res = await put(prod.metadata.uid ?? '', { spec: { eniNetwork: { subnets: existing.slice(1) } } });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ errorCode: 'CCE.01400001' });
    expect((res.json as { errorMessage: string }).errorMessage).toContain(existing[0]?.subnetID);

    const added = { subnetID: '0c9d8e7f-6a5b-4c3d-8e2f-1a0b9c8d7e6f' };
    res = await put(prod.metadata.uid ?? '', { spec: { eniNetwork: { subnets: [...existing, added] } } });
    expect(res.status).toBe(200);
    expect(operations.updateCluster.response.parse(res.json).spec.eniNetwork?.subnets).toEqual([...existing, added]);
  });

  it('refuses an alias used by another cluster (409) and customSan (400)', async () => {
    const prod = await byName('prod-payments');
    let res = await put(prod.metadata.uid ?? '', { spec: {}, metadata: { alias: 'legacy-portal' } });
    expect(res.status).toBe(409);
    expect(res.json).toMatchObject({ errorCode: 'CCE.01409001' });
    res = await put(prod.metadata.uid ?? '', { spec: { customSan: ['api.example.com'] } });
    expect(res.status).toBe(400);
  });
});

describe('deleteCluster', () => {
  const del = (id: string, query?: Record<string, string>) => t.call('DELETE', `${base}/clusters/${id}`, query ? { query } : {});

  it('enters Deleting with a DeleteCluster job and the delete options, and is gone after the delete duration', async () => {
    const legacy = await byName('legacy-portal');
    const uid = legacy.metadata.uid ?? '';
    const res = await del(uid);
    expect(res.status).toBe(200);
    const deleting = operations.deleteCluster.response.parse(res.json);
    expect(deleting.status?.phase).toBe('Deleting');
    expect(deleting.status?.deleteOption).toEqual({ delete_eni: 'delete-block', delete_net: 'delete-block' });
    expect(deleting.status?.deleteStatus).toMatchObject({ deleted: 0 });
    const jobId = deleting.status?.jobID ?? '';
    const job = await getJob(jobId);
    expect(job.spec?.type).toBe('DeleteCluster');
    expect(job.spec?.extendParam).toMatchObject({ delete_eni: 'block', delete_efs: 'skip', lts_reclaim_policy: 'Delete_Master_Log_Stream' });
    // deleteOption is only in the delete answer (lines 894-895)
    expect((await getCluster(uid)).cluster?.status?.deleteOption).toBeFalsy();

    const again = await del(uid);
    expect(again.status).toBe(429);
    expect(again.json).toMatchObject({ errorCode: 'CCE.01429002' });

    t.advance(t.emulator.state.settings.durations.clusterDelete);
    const gone = await t.call('GET', `${base}/clusters/${uid}`);
    expect(gone.status).toBe(404);
    expect(gone.json).toMatchObject({ errorCode: 'CCE.01404001' });
    // its add-ons went with it
    expect(addonInstancesOfCluster(t.emulator.state, t.projectId, uid)).toEqual([]);
    expect((await getJob(jobId)).status?.phase).toBe('Success');
    expect(await listClusters()).toHaveLength(3);
  });

  it('reads the documented query options into the job and the answer', async () => {
    const analytics = await byName('analytics-batch');
    const res = await del(analytics.metadata.uid ?? '', { delete_efs: 'true', delete_obs: 'try', delete_eni: 'skip', lts_reclaim_policy: 'Retain' });
    expect(res.status).toBe(200);
    const deleting = operations.deleteCluster.response.parse(res.json);
    expect(deleting.status?.deleteOption).toEqual({ delete_efs: 'delete-block', delete_obs: 'delete-try', delete_net: 'delete-block', lts_reclaim_policy: 'Retain' });
    const job = await getJob(deleting.status?.jobID ?? '');
    const types = (job.spec?.subJobs ?? []).map((s) => s.spec?.type);
    expect(types).toContain('DeleteSFSTurboVolumes');
    expect(types).toContain('DeleteOBSVolumes');
    expect(types).not.toContain('DeleteENIPorts');
    expect(types).not.toContain('DeleteLTSResources');
    expect(types.at(-1)).toBe('UninstallMaster');
  });

  it('refuses to delete a cluster that is still Creating (429) and an unknown one (404)', async () => {
    const staging = await byName('staging-api');
    const res = await del(staging.metadata.uid ?? '');
    expect(res.status).toBe(429);
    expect(res.json).toMatchObject({ errorCode: 'CCE.01429002' });
    expect((await del('5b3c1f0e-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await del(staging.metadata.uid ?? '', { delete_eni: 'maybe' })).status).toBe(400);
  });
});
