import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  buildChartArchive,
  ChartArchiveError,
  gunzipArchive,
  lintChart,
  parseChartArchive,
  readTar,
  readTemplateManifests,
  writeTar,
  writeTgz,
} from './chart-archive.ts';

// `tar --format=gnu` and `tar --format=posix` (GNU tar 1.34) of demo/{Chart.yaml, values.yaml,
// templates/configmap.yaml, templates/<130 × "l">.txt}: archives this writer did not make, with long names stored
// the GNU way (././@LongLink) and the pax way.
const gnuTarChart =
  'H4sIAAAAAAAAA+3Yz0+DMBQHcM79K/oPyEr5lXAy2cHL9Kb3ZjxZM1oIdIv+90KNMatRorHMyftcIGGEjtfvg1KCalaBX2yQp6ndDtztx/2IJUkU0NTzuKxDb0RHadA1jfnqd1PHL1Q51n+9E50Jn4WqvVxjLGqWJJ/WP2KZU38eZ3FAmZfROBZef9HKB+h62eiCHjnRQkFBx0lBSui3nWyNPXRzd0/H+6RECVQBOb6dw8IoZOTc/wL9lM2/AdXWwkDv50nw/f7PkzjH/j+HcBWurjeNrjZS7z1dY6r/c+72/yhjQ//feBrPiYXX38l/fXahefqP9/mvmqP+U/lnQ9hP8h8ncZbh+98cdhJf3pbMyf+20Y+yUqL9zdXgZP7z1Hn+pzxnmP85nKz/IrKXuizo2s6CW9ESBUaUwoiCUPq+Nrx6nSbYOS6fzf9R1AfovX0Amsz/sNhz1n8ZTzD/c6g6ACN1VdAd1HVDNPQGShv3gkaYcIQQQgghhBBCCKFL9wIWXqSsACgAAA==';
const paxTarChart =
  'H4sIAAAAAAAAA+2YQU+DMBTHd+6n6BeQUaAlknjaQS8aL3p/Gc9BpECgW+a3l9UsZjVKXEZ12ftdSlJI2/d//9eWHHUzn01LOJBKadsBt/36LESaiBmXE8/Lsu4NdMPwXdOYn94b63cXdybkO/0XBXQmeANdTTLGLh4qSb7VX4TK0T9WKp5xL0G8cP2hLZ+x68umzvgmYjVozPguKViO/bIrW2O7bh+e+BAnriFHrpFt9t+EgQhC9terII7F+t+gbisw2E+zE/y+/sdpnFL994Gj/yNs73DweNfPq5MxVv+jQewD/eNIikH/rY8A7PX3MdY/RMhr3oIpbpxEOJ36xxKYraGNZWp8yD7m/zCMHf9LpRSd/3xQlOSxS8bx/7KpX8qVhvaUt8FR/6fSOf8pmYbkfx8c3P8Eey3rPOMLmwX30DKNBnIwkDHOP++GVx9pQpXj/LH+30C1xn6yH0Cj/nfP/yIRUUL+98GqQzRlvcp4gVXVsBp7g7m1e8YFOZwgCIIgCIIgCIIgCOLceQf57Mf7ACgAAA==';

const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

const webValues = {
  replicaCount: 2,
  image: { repository: 'nginx', tag: '1.27.0' },
  service: { type: 'ClusterIP', port: 80 },
  ingress: { enabled: false },
  autoscaling: { enabled: false },
  serviceAccount: { create: true },
};

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ChartArchiveError);
    return (error as Error).message;
  }
  throw new Error('expected a ChartArchiveError');
}

describe('tar reader and writer', () => {
  it('reads back what it writes, long paths included (ustar prefix and pax path)', () => {
    const split = `web/${'d'.repeat(90)}/${'f'.repeat(90)}.txt`; // > 100 bytes, fits prefix + name
    const pax = `web/${'p'.repeat(160)}.txt`; // no "/" split fits: needs a pax header
    const entries = readTar(writeTar([
      { path: 'web/a.txt', content: 'alpha' },
      { path: split, content: new Uint8Array([0, 1, 2, 255]) },
      { path: pax, content: 'x'.repeat(1500) },
    ]));
    expect(entries.map((e) => e.path)).toEqual(['web/a.txt', split, pax]);
    expect(new TextDecoder().decode(entries[0]!.content)).toBe('alpha');
    expect([...entries[1]!.content]).toEqual([0, 1, 2, 255]);
    expect(entries[2]!.content.length).toBe(1500);
  });

  it.each([
    ['GNU', gnuTarChart],
    ['pax', paxTarChart],
  ])('reads a chart packed by GNU tar in %s format', (_format, archive) => {
    const chart = parseChartArchive(fromBase64(archive));
    expect(chart.metadata).toMatchObject({ apiVersion: 'v2', name: 'demo', version: '0.1.0', description: 'GNU tar made me' });
    expect(chart.values).toEqual({ greeting: 'hello', nested: { n: 1 } });
    expect(chart.files).toContain(`templates/${'l'.repeat(130)}.txt`);
    expect(chart.manifests).toEqual([
      { template: 'templates/configmap.yaml', apiVersion: 'v1', kind: 'ConfigMap', literalName: 'demo-config', nameSuffix: '', condition: null },
    ]);
  });

  it('refuses a tar with a corrupted header checksum', () => {
    const tar = writeTar([{ path: 'web/Chart.yaml', content: 'name: web' }, { path: 'web/values.yaml', content: 'a: 1' }]);
    tar[512 * 2 + 10] = 0x41; // inside the second header's name
    expect(refusal(() => readTar(tar))).toBe('the tar archive is corrupt: the header at byte 1024 has a bad checksum');
  });

  it('refuses a truncated tar', () => {
    const tar = writeTar([{ path: 'web/Chart.yaml', content: 'x'.repeat(2000) }]).subarray(0, 1200);
    expect(refusal(() => readTar(tar))).toMatch(/^the tar archive is truncated: an entry at byte 0 needs 2000 bytes/);
  });

  it('tells a non-gzip file, a broken gzip stream and gzip without tar apart', () => {
    expect(refusal(() => gunzipArchive(new TextEncoder().encode('apiVersion: v2')))).toMatch(/^content is not a gzip file/);
    const tgz = writeTgz([{ path: 'web/Chart.yaml', content: 'name: web\n'.repeat(200) }]);
    expect(refusal(() => gunzipArchive(tgz.subarray(0, tgz.length - 30)))).toMatch(/^content is a broken gzip file \(/);
    const notTar = new Uint8Array(gzipSync(Buffer.from('just some text, not a tar archive '.repeat(30))));
    expect(refusal(() => parseChartArchive(notTar))).toBe(
      'content is gzip-compressed but is not a tar archive (the first header has a bad checksum)',
    );
  });
});

describe('parseChartArchive', () => {
  it('reads Chart.yaml, values.yaml, README and the objects the templates declare', () => {
    const chart = parseChartArchive(
      buildChartArchive({ name: 'web', version: '1.2.0', appVersion: '1.27.0', icon: 'https://example.com/web.png', values: webValues, readme: '# web\n' }),
    );
    expect(chart.directory).toBe('web');
    expect(chart.metadata).toEqual({
      apiVersion: 'v2',
      name: 'web',
      version: '1.2.0',
      description: 'A Helm chart for web',
      appVersion: '1.27.0',
      icon: 'https://example.com/web.png',
      type: 'application',
      kubeVersion: null,
    });
    expect(chart.values).toEqual(webValues);
    expect(chart.hasReadme).toBe(true);
    // NOTES.txt, _helpers.tpl and the test hook are not objects of the release
    expect(chart.manifests.map((m) => `${m.apiVersion}/${m.kind}`)).toEqual([
      'apps/v1/Deployment',
      'autoscaling/v2/HorizontalPodAutoscaler',
      'networking.k8s.io/v1/Ingress',
      'v1/Service',
      'v1/ServiceAccount',
    ]);
    expect(chart.manifests.find((m) => m.kind === 'Ingress')?.condition).toEqual({ path: ['ingress', 'enabled'], negate: false });
    expect(lintChart(chart)).toEqual([]);
  });

  it('keeps the values of a chart without values.yaml null', () => {
    const chart = parseChartArchive(buildChartArchive({ name: 'bare', version: '0.1.0' }));
    expect(chart.values).toBeNull();
    expect(chart.valuesProblem).toBeNull();
  });

  it.each([
    [{ path: 'Chart.yaml', content: 'apiVersion: v2\nname: web\nversion: 1.0.0\n' }, 'Chart.yaml must be inside the chart directory (<chart>/Chart.yaml, as `helm package` writes it)'],
    [{ path: 'web/values.yaml', content: 'a: 1\n' }, 'the chart package has no <chart>/Chart.yaml'],
    [{ path: 'web/charts/sub/Chart.yaml', content: 'apiVersion: v2\nname: sub\nversion: 1.0.0\n' }, 'the chart package has no <chart>/Chart.yaml'],
    [{ path: 'web/Chart.yaml', content: 'apiVersion: v2\nversion: 1.0.0\n' }, 'Chart.yaml has no name: apiVersion, name and version are required'],
    [{ path: 'web/Chart.yaml', content: 'apiVersion: v2\nname: web\n' }, 'Chart.yaml has no version: apiVersion, name and version are required'],
    [{ path: 'web/Chart.yaml', content: 'name: web\nversion: 1.0.0\n' }, 'Chart.yaml has no apiVersion: apiVersion, name and version are required'],
    [{ path: 'web/Chart.yaml', content: 'apiVersion: v2\nname: web\nversion: 1.0\n' }, 'Chart.yaml version must be a string (quote it, e.g. version: "1")'],
    [{ path: 'web/Chart.yaml', content: 'apiVersion: v2\nname: web\nversion: "1.0"\n' }, 'Chart.yaml version "1.0" is not a valid SemVer 2 version such as 1.2.0'],
    [{ path: 'web/Chart.yaml', content: 'apiVersion: v2\nname: web/x\nversion: 1.0.0\n' }, 'Chart.yaml name "web/x" is invalid: use letters, digits, ".", "_" and "-"'],
    [{ path: 'web/Chart.yaml', content: 'apiVersion: v2\nname: web\nversion: 1.0.0\ntype: plugin\n' }, 'Chart.yaml type "plugin" is invalid: it must be "application" or "library"'],
    [{ path: 'web/Chart.yaml', content: '- just\n- a list\n' }, 'Chart.yaml must be a YAML mapping with apiVersion, name and version'],
    [{ path: 'web/../Chart.yaml', content: 'x' }, 'the entry "web/../Chart.yaml" points outside the chart directory'],
  ])('refuses %j', (file, message) => {
    expect(refusal(() => parseChartArchive(writeTgz([file])))).toBe(message);
  });

  it('refuses a Chart.yaml that is not YAML, naming the parser error', () => {
    const message = refusal(() => parseChartArchive(writeTgz([{ path: 'web/Chart.yaml', content: 'name: [web\n' }])));
    expect(message).toMatch(/^Chart\.yaml is not valid YAML: .+ at line \d+, column \d+:$/);
  });

  it('refuses a package that holds two charts or files outside the chart', () => {
    const chartYaml = (name: string) => ({ path: `${name}/Chart.yaml`, content: `apiVersion: v2\nname: ${name}\nversion: 1.0.0\n` });
    expect(refusal(() => parseChartArchive(writeTgz([chartYaml('a'), chartYaml('b')])))).toBe(
      'the chart package holds more than one chart: a/Chart.yaml, b/Chart.yaml',
    );
    expect(refusal(() => parseChartArchive(writeTgz([chartYaml('a'), { path: 'stray.txt', content: 'x' }])))).toBe(
      'stray.txt is outside the chart directory a/: every file of a chart sits under it',
    );
  });
});

describe('lintChart', () => {
  const lint = (spec: Parameters<typeof buildChartArchive>[0]) => lintChart(parseChartArchive(buildChartArchive(spec)));

  it('reports each failure with the file it is in', () => {
    expect(
      lint({
        name: 'web',
        version: '1.0.0',
        directory: 'website',
        chartYaml: 'apiVersion: v3\nname: web\nversion: 1.0.0\n',
        values: 'replicas: [1, 2\n',
      }),
    ).toEqual([
      'Chart.yaml: apiVersion "v3" is not valid; it must be "v1" or "v2"',
      'Chart.yaml: the directory name (website) and the chart name (web) must match',
      'Chart.yaml: description is required',
      expect.stringMatching(/^values\.yaml is not valid YAML: /),
    ]);
  });

  it('wants values.yaml to be a mapping and an application chart to have templates', () => {
    expect(lint({ name: 'web', version: '1.0.0', values: '- a\n- b\n', templates: {} })).toEqual([
      'values.yaml must be a YAML mapping of chart values',
      'templates/: an application chart needs at least one template',
    ]);
    expect(lint({ name: 'lib', version: '1.0.0', type: 'library', templates: {} })).toEqual([]);
  });
});

describe('readTemplateManifests', () => {
  it('reads every document, literal and templated names, negated conditions and computed apiVersions', () => {
    const text = [
      '{{- if not .Values.existingSecret }}',
      'apiVersion: v1',
      'kind: Secret',
      'metadata:',
      '  name: {{ include "db.fullname" . }}-auth',
      '{{- end }}',
      '---',
      'apiVersion: {{ include "common.capabilities.statefulset.apiVersion" . }}',
      'kind: StatefulSet',
      'metadata:',
      '  labels:',
      '    app: db',
      '  name: primary-db',
    ].join('\n');
    expect(readTemplateManifests('templates/db.yaml', text)).toEqual([
      { template: 'templates/db.yaml', apiVersion: 'v1', kind: 'Secret', literalName: null, nameSuffix: '-auth', condition: { path: ['existingSecret'], negate: true } },
      { template: 'templates/db.yaml', apiVersion: 'apps/v1', kind: 'StatefulSet', literalName: 'primary-db', nameSuffix: '', condition: null },
    ]);
  });
});
