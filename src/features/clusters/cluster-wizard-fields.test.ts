import { describe, expect, it } from 'vitest';
import { cceErrorCodes } from '../../contract/errors.ts';
import { fieldOfIssuePath, fieldOfServerError, stepOfField } from './cluster-wizard-fields.ts';

const noSubnets = { subnet: '', eniSubnets: [] };

describe('fieldOfIssuePath', () => {
  it.each([
    [['metadata', 'name'], 'name'],
    [['metadata', 'alias'], 'alias'],
    [['spec', 'description'], 'description'],
    [['spec', 'version'], 'version'],
    [['spec', 'flavor'], 'flavor'],
    [['spec', 'hostNetwork', 'vpc'], 'vpc'],
    [['spec', 'hostNetwork'], 'vpc'],
    [['spec', 'hostNetwork', 'subnet'], 'subnet'],
    [['spec', 'eniNetwork', 'subnets', 1, 'subnetID'], 'eniSubnets.1'],
    [['spec', 'eniNetwork', 'subnets'], 'eniSubnets'],
    [['spec', 'serviceNetwork', 'IPv4CIDR'], 'serviceCidr'],
    [['spec', 'clusterTags', 2, 'key'], 'tags.2.key'],
    [['spec', 'clusterTags', 0, 'value'], 'tags.0.value'],
    [['spec', 'clusterTags'], 'tags'],
    [['metadata', 'annotations', 'cluster.install.addons/install', 1, 'values'], 'addons.1.values'],
    [['metadata', 'annotations', 'cluster.install.addons/install', 0, 'addonTemplateName'], 'addons.0'],
    [['metadata', 'annotations'], 'addons'],
    [['spec', 'configurationsOverride'], 'form'],
    [['kind'], 'form'],
  ] as const)('%j -> %s', (path, field) => {
    expect(fieldOfIssuePath(path)).toBe(field);
  });

  it('puts each field on its step', () => {
    expect(stepOfField('name')).toBe('basics');
    expect(stepOfField('eniSubnets.3')).toBe('network');
    expect(stepOfField('serviceCidr')).toBe('network');
    expect(stepOfField('addons.0.values')).toBe('addons');
    expect(stepOfField('tags.1.value')).toBe('tags');
    expect(stepOfField('form')).toBe('review');
  });
});

describe('fieldOfServerError', () => {
  it('finds the field an emulator 400 names (describeIssues sentences), first one first', () => {
    const error = {
      status: 400,
      code: cceErrorCodes.invalidRequest,
      message:
        'Invalid request: metadata.name must start with a lower-case letter; spec.serviceNetwork.IPv4CIDR must be an IPv4 CIDR block',
    };
    expect(fieldOfServerError(error, noSubnets)).toEqual({ field: 'name', message: 'metadata.name must start with a lower-case letter' });
  });

  it('reads "path: message" sentences with indices and [] rows', () => {
    const tag = { status: 400, code: null, message: 'Invalid request: spec.clusterTags.1.key: tag key must not be empty' };
    expect(fieldOfServerError(tag, noSubnets)?.field).toBe('tags.1.key');
    const row = { status: 400, code: null, message: 'spec.eniNetwork.subnets[0].subnetID must not be empty' };
    expect(fieldOfServerError(row, noSubnets)?.field).toBe('eniSubnets.0');
  });

  it('skips sentences about fields the wizard has no input for', () => {
    const error = { status: 400, code: null, message: 'spec.configurationsOverride must be a list; spec.hostNetwork.vpc is required' };
    expect(fieldOfServerError(error, noSubnets)?.field).toBe('vpc');
  });

  it('puts a 409 conflict at the name, unless it names the alias field', () => {
    const name = 'The resource already exists: "demo" is the alias of cluster 1234';
    expect(fieldOfServerError({ status: 409, code: cceErrorCodes.alreadyExists, message: name }, noSubnets)).toEqual({
      field: 'name',
      message: name,
    });
    const alias = 'The resource already exists: metadata.alias "demo" is already used as the name or alias of cluster x';
    expect(fieldOfServerError({ status: 409, code: cceErrorCodes.alreadyExists, message: alias }, noSubnets)?.field).toBe('alias');
  });

  it('puts an unsupported version at the version and a missing subnet at the subnet it quotes', () => {
    expect(fieldOfServerError({ status: 400, code: cceErrorCodes.versionNotSupported, message: 'v1.20 is not supported' }, noSubnets)?.field).toBe(
      'version',
    );
    const sent = { subnet: 'cp-1', eniSubnets: ['eni-a', 'eni-b'] };
    const notFound = (message: string) => fieldOfServerError({ status: 400, code: cceErrorCodes.subnetNotFound, message }, sent)?.field;
    expect(notFound('subnet eni-b not found in the VPC')).toBe('eniSubnets.1');
    expect(notFound('subnet cp-1 not found in the VPC')).toBe('subnet');
    expect(notFound('subnet not found in the VPC')).toBe('eniSubnets');
  });

  it('names no field for a quota refusal', () => {
    expect(
      fieldOfServerError({ status: 403, code: cceErrorCodes.clusterQuota, message: 'Cluster quota exhausted: 5 of 5 used' }, noSubnets),
    ).toBeNull();
  });
});
