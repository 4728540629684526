import { describe, expect, it } from 'vitest';
import { clusterSchema } from '../../contract/clusters.ts';
import { addSubnetsBody, generalUpdateBody } from './cluster-settings-form.ts';

const cluster = (phase = 'Available') =>
  clusterSchema.parse({
    metadata: { name: 'prod-payments', uid: 'u1', alias: 'payments-prod' },
    spec: { description: 'Payments API', eniNetwork: { subnets: [{ subnetID: 's1' }, { subnetID: 's2' }] } },
    status: { phase },
  });
const others = [cluster(), clusterSchema.parse({ metadata: { name: 'legacy-portal', uid: 'u2', alias: 'portal' }, spec: {} })];

describe('alias and description', () => {
  it('sends only what changed', () => {
    expect(generalUpdateBody(cluster(), { description: 'New text' }, others)).toEqual({ ok: true, body: { spec: { description: 'New text' } }, changed: true });
    expect(generalUpdateBody(cluster(), { alias: 'payments-live', description: 'Payments API' }, others)).toEqual({
      ok: true,
      body: { spec: {}, metadata: { alias: 'payments-live' } },
      changed: true,
    });
    expect(generalUpdateBody(cluster(), {}, others)).toMatchObject({ ok: true, changed: false });
  });

  it('reads an emptied alias as "unchanged", as the API does', () => {
    expect(generalUpdateBody(cluster(), { alias: '' }, others)).toMatchObject({ ok: true, changed: false, body: { spec: {} } });
  });

  it('applies the description rules: characters, length, and only while Available', () => {
    expect(generalUpdateBody(cluster(), { description: 'cost <low>' }, others)).toMatchObject({ ok: false, errors: { description: expect.stringMatching(/must not contain/) } });
    expect(generalUpdateBody(cluster(), { description: 'x'.repeat(201) }, others)).toMatchObject({ ok: false, errors: { description: expect.stringMatching(/at most 200/) } });
    expect(generalUpdateBody(cluster('Upgrading'), { description: 'x' }, others)).toMatchObject({
      ok: false,
      errors: { description: expect.stringMatching(/only while the cluster is Available/) },
    });
  });

  it('applies the naming rule and uniqueness to the alias', () => {
    expect(generalUpdateBody(cluster(), { alias: 'Bad_Alias' }, others)).toMatchObject({ ok: false, errors: { alias: expect.stringMatching(/lower-case/) } });
    expect(generalUpdateBody(cluster(), { alias: 'portal' }, others)).toMatchObject({ ok: false, errors: { alias: expect.stringMatching(/legacy-portal/) } });
    expect(generalUpdateBody(cluster(), { alias: 'prod-payments' }, others)).toMatchObject({ ok: true });
  });
});

describe('ENI subnets', () => {
  it('repeats every existing subnet before the new ones', () => {
    expect(addSubnetsBody(cluster(), [' s3 '])).toEqual({ ok: true, body: { spec: { eniNetwork: { subnets: [{ subnetID: 's1' }, { subnetID: 's2' }, { subnetID: 's3' }] } } } });
  });

  it('refuses an empty id and a subnet the cluster already has', () => {
    expect(addSubnetsBody(cluster(), [''])).toMatchObject({ ok: false, message: expect.stringMatching(/must not be empty/) });
    expect(addSubnetsBody(cluster(), ['s2'])).toMatchObject({ ok: false, message: expect.stringMatching(/lists subnet s2 twice/) });
  });
});
