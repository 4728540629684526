import { describe, expect, it } from 'vitest';
import published from './fixtures/published-examples.json' with { type: 'json' };
import {
  chartArchiveSchema,
  chartFormParts,
  chartListSchema,
  chartOperations,
  chartQuotasSchema,
  chartSchema,
  chartValuesSchema,
  deleteChartResultSchema,
  uploadChartBodySchema,
} from './charts.ts';

function messages(result: { error?: { issues: Array<{ message: string }> } }): string[] {
  return result.error?.issues.map((issue) => issue.message) ?? [];
}

const chart = {
  id: 'e99a7e86-afdd-11eb-aca3-0255ac100b0e',
  name: 'neo4j',
  values: '{"imageTag":"4.0.3-enterprise","core":{"numberOfServers":3}}',
  translate: '',
  instruction: 'README.md',
  version: '3.0.1',
  description: 'DEPRECATED Neo4j is the world\'s leading graph database',
  source: '',
  icon_url: 'https://example.com/images/neo4j_logo.png',
  public: false,
  chart_url: 'neo4j-3.0.1.tgz',
  create_at: '2021-05-08T08:53:13Z',
  update_at: '2021-05-08T08:53:13Z',
};

const archive = () => new Blob([new Uint8Array([0x1f, 0x8b, 0x08])], { type: 'application/gzip' });

describe('ChartResp (4.6.1/4.6.2/4.6.5/4.6.8)', () => {
  it('decodes the JSON-encoded values string to an object', () => {
    expect(chartSchema.parse(chart).values).toEqual({ imageTag: '4.0.3-enterprise', core: { numberOfServers: 3 } });
  });

  it('reads the object form of the 4.6.8 example (digest S4) the same way', () => {
    expect(chartSchema.parse({ ...chart, values: { imageTag: 'v1' } }).values).toEqual({ imageTag: 'v1' });
  });

  it('reads "", null and an absent values as {}', () => {
    expect(chartSchema.parse({ ...chart, values: '' }).values).toEqual({});
    expect(chartSchema.parse({ ...chart, values: null }).values).toEqual({});
    const { values: _omitted, ...withoutValues } = chart;
    expect(chartSchema.parse(withoutValues).values).toEqual({});
  });

  it('refuses a values string that is not a JSON object', () => {
    expect(messages(chartSchema.safeParse({ ...chart, values: '{"broken":' }))).toEqual([
      'expected a JSON object or a JSON-encoded object string',
    ]);
  });

  it('keeps snake_case keys and unknown fields', () => {
    const parsed = chartSchema.parse({ ...chart, repo: 'internal' });
    expect(parsed).toMatchObject({
      icon_url: chart.icon_url,
      chart_url: 'neo4j-3.0.1.tgz',
      public: false,
      repo: 'internal',
    });
  });
});

describe('listCharts response (4.6.2)', () => {
  it('reads the bare top-level array', () => {
    expect(chartListSchema.parse([chart]).map((c) => c.name)).toEqual(['neo4j']);
  });

  it('reads a wrapped list and null as the same flat array', () => {
    expect(chartListSchema.parse({ items: [chart] })).toHaveLength(1);
    expect(chartListSchema.parse({ charts: [chart, chart] })).toHaveLength(2);
    expect(chartListSchema.parse(null)).toEqual([]);
    expect(chartListSchema.parse({ items: null })).toEqual([]);
  });

  it('normalises the values of every entry', () => {
    expect(chartListSchema.parse([chart])[0]?.values).toMatchObject({ imageTag: '4.0.3-enterprise' });
  });
});

describe('deleteChart response (4.6.6)', () => {
  it('reads a bare string as the message', () => {
    expect(deleteChartResultSchema.parse('success')).toEqual({ chart: null, message: 'success' });
  });

  it('reads the deleted chart object (hold-12)', () => {
    const hold12 = published.examples.find((e) => e.id === 'hold-12');
    const result = deleteChartResultSchema.parse(hold12?.payload);
    expect(result.message).toBeNull();
    expect(result.chart?.name).toBe('neo4j');
    expect(result.chart?.values).toMatchObject({ imageTag: '4.0.3-enterprise' });
  });

  it('reads an empty body as neither', () => {
    expect(deleteChartResultSchema.parse(undefined)).toEqual({ chart: null, message: null });
  });
});

describe('downloadChart response (4.6.11)', () => {
  it('is binary: an ArrayBuffer passes, a string or a Uint8Array does not', () => {
    const bytes = new ArrayBuffer(4);
    expect(chartArchiveSchema.parse(bytes)).toBe(bytes);
    expect(messages(chartArchiveSchema.safeParse('chart-file.tgz'))).toEqual([
      'chart archive must be binary data (an ArrayBuffer)',
    ]);
    expect(chartArchiveSchema.safeParse(new Uint8Array(4)).success).toBe(false);
    expect(chartOperations.downloadChart.responseKind).toBe('binary');
  });
});

describe('getChartValues and getChartQuotas responses', () => {
  it('reads values as an object (4.6.12), tolerating a JSON string', () => {
    expect(chartValuesSchema.parse({ values: { global: { namespace: 'demo' } } }).values).toEqual({
      global: { namespace: 'demo' },
    });
    expect(chartValuesSchema.parse({ values: '{"a":1}' }).values).toEqual({ a: 1 });
  });

  it('reads the documented chart quotas and normalises a bare array to {resources}', () => {
    const documented = { quotas: { resources: [{ type: 'Charts', quota: 200, used: 2 }] } };
    expect(chartQuotasSchema.parse(documented).quotas.resources).toEqual([{ type: 'Charts', quota: 200, used: 2 }]);
    expect(chartQuotasSchema.parse({ quotas: [{ type: 'Charts', quota: 200, used: 2 }] }).quotas.resources).toEqual([
      { type: 'Charts', quota: 200, used: 2 },
    ]);
    expect(chartQuotasSchema.parse({}).quotas.resources).toEqual([]);
  });
});

describe('uploadChart / updateChart form (tables 4-383, 4-401)', () => {
  it('accepts a file with JSON-encoded parameters and decodes them', () => {
    const content = archive();
    const form = uploadChartBodySchema.parse({
      content,
      parameters: '{"override":true,"skip_lint":true,"source":"package"}',
    });
    expect(form.content).toBe(content);
    expect(form.parameters).toEqual({ override: true, skip_lint: true, source: 'package' });
  });

  it('accepts a File and no parameters (parameters is optional)', () => {
    const file = new File([new Uint8Array([1, 2])], 'neo4j-3.0.1.tgz', { type: 'application/gzip' });
    expect(uploadChartBodySchema.parse({ content: file })).toEqual({ content: file });
  });

  it('accepts the documented visible flag', () => {
    expect(uploadChartBodySchema.parse({ content: archive(), parameters: '{"visible":false}' }).parameters).toEqual({
      visible: false,
    });
  });

  it('refuses content that is not a file, and an empty file', () => {
    expect(messages(uploadChartBodySchema.safeParse({ content: 'chart-file.tgz' }))).toEqual([
      'content must be a chart archive file',
    ]);
    expect(messages(uploadChartBodySchema.safeParse({ content: new Blob([]) }))).toEqual([
      'content must not be an empty file',
    ]);
  });

  it.each([
    ['{"override":', 'parameters must be valid JSON such as {"override":true,"skip_lint":true}'],
    ['[true]', 'parameters must be a JSON object'],
    ['{"override":"yes"}', 'parameters.override must be true or false'],
    ['{"skip_lint":1}', 'parameters.skip_lint must be true or false'],
    ['{"source":"git"}', 'parameters.source must be "package"'],
    ['{"force":true}', 'parameters has unknown field(s): force; accepted: override, skip_lint, visible, source'],
  ])('refuses parameters %s', (parameters, message) => {
    expect(messages(uploadChartBodySchema.safeParse({ content: archive(), parameters }))).toEqual([message]);
  });

  it('refuses form fields the document does not list', () => {
    expect(messages(uploadChartBodySchema.safeParse({ content: archive(), name: 'neo4j' }))).toEqual([
      'the chart form has unknown field(s): name; accepted: content, parameters',
    ]);
  });

  it('turns a parsed form back into multipart parts that parse to the same form', () => {
    const form = uploadChartBodySchema.parse({ content: archive(), parameters: '{"override":true}' });
    const parts = chartFormParts(form);
    expect(parts.map(([name]) => name)).toEqual(['parameters', 'content']);
    expect(uploadChartBodySchema.parse(Object.fromEntries(parts))).toEqual(form);
  });

  it('are multipart operations', () => {
    expect(chartOperations.uploadChart.bodyKind).toBe('multipart');
    expect(chartOperations.updateChart.bodyKind).toBe('multipart');
  });
});

describe('chart path parameters', () => {
  it('validate chart_id with messages naming it', () => {
    const params = chartOperations.getChart.pathParams;
    expect(params.safeParse({ chart_id: 'e99a7e86-afdd-11eb-aca3-0255ac100b0e' }).success).toBe(true);
    expect(messages(params.safeParse({ chart_id: '' }))).toContain('chart_id must not be empty');
    expect(messages(params.safeParse({ chart_id: '../x' }))).toEqual([
      'chart_id must contain only letters, digits, ".", "_" and "-"',
    ]);
  });

  it('read the project id where the chart id sits for quotas (4.6.14)', () => {
    const params = chartOperations.getChartQuotas.pathParams;
    expect(params.safeParse({ project_id: '0abdd2dce980d4162f8ac006608ee02d' }).success).toBe(true);
    expect(params.safeParse({ project_id: 'e99a7e86-afdd-11eb-aca3-0255ac100b0e' }).success).toBe(false);
  });
});
