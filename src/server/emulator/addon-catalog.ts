// The add-on template catalog of the emulated CCE Autopilot region (seed 4.2.2, listAddonTemplates): the templates,
// their versions with install input, translations and the cluster versions each version supports. Shaped like the
// seed's cie-collector example (lines 5300-5791) and the published coredns template (hold-24); the coredns values
// follow the 4.2.1 and 4.2.4 examples (lines 4582-4686, 000:409-793).
//
// Every version supports a window of Kubernetes minor versions (the emulator's clusters run v1.28-v1.32), written
// as the service writes them: regular expressions such as "v1.(27|28).*" (table 4-158, line 5780), for
// clusterType "VirtualMachine" and category ["Autopilot"] (000:379-395; an empty category would mean CCE Standard
// and Turbo only).

export type AddonSupportVersionData = { clusterType: string; clusterVersion: string[]; category: string[] };

/** One locale of `translate` (digest §4.2): the flavor names are numbers in some templates (line 4980). */
export type AddonTranslationData = {
  addon: { changeLog: string; description: string };
  description: Record<string, string | number>;
  key: Record<string, string>;
};

/** Versions, table 4-165. */
export type AddonVersionData = {
  version: string;
  input: { basic: Record<string, unknown>; parameters: Record<string, unknown>; scenarios?: unknown[] };
  stable: boolean;
  translate: Record<string, AddonTranslationData>;
  supportVersions: AddonSupportVersionData[];
  creationTimestamp: string;
  updateTimestamp: string;
};

/** AddonTemplate (table 4-162) with its TemplateSpec (table 4-164), flattened. */
export type AddonTemplateData = {
  name: string;
  alias: string;
  type: 'helm' | 'static';
  require: boolean;
  labels: string[];
  logoURL: string;
  readmeURL: string;
  description: string;
  creationTimestamp: string;
  updateTimestamp: string;
  /** Oldest first. */
  versions: AddonVersionData[];
};

type LocalText = { en: string; zh: string };

type VersionDefinition = {
  version: string;
  /** The cluster versions it installs on (regular expressions, line 5780). */
  clusterVersions: string[];
  released: string;
  stable?: boolean;
  changeLog: LocalText;
  /** The image the version ships, when it differs from the add-on version (metrics-server, volcano). */
  image?: string;
};

type TemplateDefinition = {
  name: string;
  alias: string;
  require: boolean;
  labels: string[];
  description: LocalText;
  created: string;
  /** translate.description: "Parameters.<path>" -> text, per locale. */
  parameterTexts: Record<string, LocalText>;
  /** translate.key: "Parameters.<path>" -> field label, per locale. */
  keyTexts: Record<string, LocalText>;
  basic: (region: string, version: VersionDefinition) => Record<string, unknown>;
  parameters: Record<string, unknown>;
  scenarios?: unknown[];
  versions: VersionDefinition[];
};

const swr = (region: string) => ({ swr_addr: `swr.${region}.myhuaweicloud.com`, swr_user: 'autopilot-official' });

/** An Autopilot flavor (input.parameters["autopilot-flavorN"]), digest §4.2. */
function autopilotFlavor(
  name: string,
  options: { description: string; isDefault?: boolean; replicas: number; resources: Record<string, unknown>[]; deployMode?: string },
): Record<string, unknown> {
  return {
    category: ['Autopilot'],
    ...(options.deployMode ? { deploy_mode: options.deployMode } : {}),
    description: options.description,
    ...(options.isDefault ? { is_default: true } : {}),
    name,
    replicas: options.replicas,
    resources: options.resources,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The templates
// ---------------------------------------------------------------------------------------------------------------

/** CoreDNS: the values and input as in the 4.2.1/4.2.4 examples (custom.servers with the default plugin chain). */
const coredns: TemplateDefinition = {
  name: 'coredns',
  alias: 'coredns',
  require: true,
  labels: ['ContainerNetwork'],
  description: {
    en: 'CoreDNS is a DNS server that chains plugins and provides Kubernetes DNS Services',
    zh: 'CoreDNS是一款通过链式插件的方式给Kubernetes提供DNS解析服务的DNS服务器',
  },
  created: '2023-11-20T08:12:41Z',
  parameterTexts: {
    'Parameters.autopilot-flavor1.name': { en: 'Standard (2 instances)', zh: '标准规格（2实例）' },
    'Parameters.autopilot-flavor1.description': {
      en: 'Concurrent domain name resolution ability - External domain name: 5000 qps, Internal domain name: 20000 qps',
      zh: '并发域名解析能力 - 外部域名: 5000 qps, 内部域名: 20000 qps',
    },
    'Parameters.autopilot-flavor2.name': { en: 'High availability (4 instances)', zh: '高可用规格（4实例）' },
    'Parameters.autopilot-flavor2.description': {
      en: 'Concurrent domain name resolution ability - External domain name: 20000 qps, Internal domain name: 80000 qps',
      zh: '并发域名解析能力 - 外部域名: 20000 qps, 内部域名: 80000 qps',
    },
    'Parameters.custom.stub_domains': {
      en: 'The target nameserver may itself be a Kubernetes service. A JSON map using a DNS suffix key (e.g. "acme.local") and a value consisting of a JSON array of DNS IPs.',
      zh: '用户可对自定义的域名配置域名服务器，格式为一个键值对，键为DNS后缀域名，值为一个或一组DNS IP地址，如"acme.local -- 1.2.3.4,6.7.8.9"。',
    },
    'Parameters.custom.upstream_nameservers': {
      en: "If specified, then the values specified replace the nameservers taken by default from the node's /etc/resolv.conf. Limits: a maximum of three upstream nameservers can be specified, A JSON array of DNS IPs.",
      zh: '解析除集群内服务域名以及自定义域名之外的域名地址，格式为一个或一组DNS IP地址，如"8.8.8.8"或"8.8.4.4"。',
    },
  },
  keyTexts: {
    'Parameters.custom.stub_domains': { en: 'stub domain', zh: '存根域' },
    'Parameters.custom.upstream_nameservers': { en: 'upstream nameservers', zh: '上游域名服务器' },
  },
  basic: (region, version) => ({ cluster_ip: '10.247.3.10', image_version: version.version, ...swr(region) }),
  parameters: {
    'autopilot-flavor1': autopilotFlavor('autopilot-flavor1', {
      description: 'Concurrent domain name resolution ability - External domain name: 5000 qps, Internal domain name: 20000 qps',
      isDefault: true,
      replicas: 2,
      // Numbers here, strings in the values (S11, lines 4851 vs 4620): kept as the service sends them.
      resources: [{ id: 'coredns', name: 'coredns', limitsCpu: 1, requestsCpu: 1, limitsMem: '1Gi', requestsMem: '1Gi' }],
    }),
    'autopilot-flavor2': autopilotFlavor('autopilot-flavor2', {
      description: 'Concurrent domain name resolution ability - External domain name: 20000 qps, Internal domain name: 80000 qps',
      replicas: 4,
      resources: [{ id: 'coredns', name: 'coredns', limitsCpu: 2, requestsCpu: 2, limitsMem: '2Gi', requestsMem: '2Gi' }],
    }),
    custom: {
      multiAZBalance: false,
      multiAZEnabled: false,
      node_match_expressions: [],
      parameterSyncStrategy: 'ensureConsistent',
      servers: [
        {
          plugins: [
            { name: 'bind', parameters: '{$POD_IP}' },
            { configBlock: 'servfail 5s', name: 'cache', parameters: 30 },
            { name: 'errors' },
            { name: 'health', parameters: '{$POD_IP}:8080' },
            { name: 'ready', parameters: '{$POD_IP}:8081' },
            { configBlock: 'pods insecure\nfallthrough in-addr.arpa ip6.arpa', name: 'kubernetes', parameters: 'cluster.local in-addr.arpa ip6.arpa' },
            { name: 'loadbalance', parameters: 'round_robin' },
            { name: 'prometheus', parameters: '{$POD_IP}:9153' },
            { configBlock: 'policy random', name: 'forward', parameters: '. /etc/resolv.conf' },
            { name: 'reload' },
          ],
          port: 5353,
          zones: [{ zone: '.' }],
        },
      ],
      stub_domains: {},
      tolerations: [
        { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 60 },
        { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 60 },
      ],
      upstream_nameservers: [],
    },
  },
  versions: [
    {
      version: '1.28.4',
      clusterVersions: ['v1.(27|28).*'],
      released: '2024-01-22T11:05:45Z',
      changeLog: { en: 'Support autopilot cluster', zh: '支持autopilot集群' },
    },
    {
      version: '1.28.6',
      clusterVersions: ['v1.(27|28).*'],
      released: '2024-02-19T11:33:46Z',
      changeLog: {
        en: 'plugin specifications can be associated with cluster specifications. The time zone of the plug-in is the same as that of the node',
        zh: '插件规格可与集群规格关联；插件时区与节点时区保持一致',
      },
    },
    {
      version: '1.29.4',
      clusterVersions: ['v1.(28|29|30).*'],
      released: '2024-08-12T03:20:17Z',
      changeLog: { en: 'Supports clusters of v1.29 and v1.30; CoreDNS is upgraded to 1.11.1', zh: '支持v1.29、v1.30集群；CoreDNS升级至1.11.1' },
    },
    {
      version: '1.30.6',
      clusterVersions: ['v1.(29|30|31).*'],
      released: '2024-12-16T07:45:02Z',
      changeLog: { en: 'Supports clusters of v1.31; the health plugin uses lameduck 5s by default', zh: '支持v1.31集群；health插件默认开启lameduck 5s' },
    },
    {
      version: '1.31.3',
      clusterVersions: ['v1.(30|31|32).*'],
      released: '2025-04-21T09:02:33Z',
      changeLog: {
        en: 'Supports clusters of v1.32; fixes the cache memory growth with many stub domains',
        zh: '支持v1.32集群；修复存根域较多时缓存内存持续增长的问题',
      },
    },
  ],
};

const metricsServer: TemplateDefinition = {
  name: 'metrics-server',
  alias: 'metrics-server',
  require: false,
  labels: ['Monitor'],
  description: {
    en: 'Metrics Server is a cluster-level aggregator of resource usage data, providing the Metrics API used by kubectl top and HPA',
    zh: 'Metrics Server是集群范围资源使用数据的聚合器，提供kubectl top及HPA所需的Metrics API',
  },
  created: '2023-11-20T08:12:43Z',
  parameterTexts: {
    'Parameters.autopilot-flavor1.name': { en: 'High availability (2 instances)', zh: '高可用（2实例）' },
    'Parameters.autopilot-flavor1.description': {
      en: 'Two instances in different availability zones, recommended for production',
      zh: '两个实例分布在不同可用区，推荐生产环境使用',
    },
    'Parameters.autopilot-flavor2.name': { en: 'Single instance', zh: '单实例' },
    'Parameters.autopilot-flavor2.description': { en: 'Has only one instance; for test clusters', zh: '仅一个实例，适用于测试集群' },
  },
  keyTexts: {},
  basic: (region, version) => ({ image_version: version.image ?? version.version, ...swr(region) }),
  parameters: {
    'autopilot-flavor1': autopilotFlavor('autopilot-flavor1', {
      description: 'custom resources in autopilot cluster',
      isDefault: true,
      replicas: 2,
      resources: [{ id: 'metrics-server', name: 'metrics-server', limitsCpu: '1', requestsCpu: '1', limitsMem: '2Gi', requestsMem: '2Gi' }],
    }),
    'autopilot-flavor2': autopilotFlavor('autopilot-flavor2', {
      description: 'Has only one instance',
      replicas: 1,
      resources: [
        { id: 'metrics-server', name: 'metrics-server', limitsCpu: '500m', requestsCpu: '500m', limitsMem: '1Gi', requestsMem: '1Gi' },
      ],
    }),
    custom: {},
  },
  versions: [
    {
      version: '1.3.39',
      clusterVersions: ['v1.(27|28|29).*'],
      released: '2024-03-05T02:41:10Z',
      image: 'v0.6.4',
      changeLog: { en: 'Supports Autopilot clusters', zh: '支持Autopilot集群' },
    },
    {
      version: '1.3.60',
      clusterVersions: ['v1.(28|29|30|31).*'],
      released: '2024-10-28T06:15:54Z',
      image: 'v0.7.1',
      changeLog: { en: 'Supports clusters of v1.30 and v1.31; metrics-server is upgraded to v0.7.1', zh: '支持v1.30、v1.31集群；metrics-server升级至v0.7.1' },
    },
    {
      version: '1.3.68',
      clusterVersions: ['v1.(29|30|31|32).*'],
      released: '2025-03-17T08:30:21Z',
      image: 'v0.7.2',
      changeLog: { en: 'Supports clusters of v1.32; the Metrics API only accepts TLS 1.2 or later', zh: '支持v1.32集群；Metrics API仅接受TLS 1.2及以上版本' },
    },
  ],
};

/** Cloud Native Cluster Monitoring, the seed's own example (lines 5300-5791), reduced to its Autopilot flavors. */
const cieCollector: TemplateDefinition = {
  name: 'cie-collector',
  alias: 'kube-prometheus-stack',
  require: false,
  labels: ['CloudNativeObservability'],
  description: {
    en: 'kube-prometheus-stack collects Kubernetes manifests, Prometheus rules combined with documentation and scripts to provide easy to operate end-to-end Kubernetes cluster monitoring with Prometheus using the Prometheus Operator.',
    zh: 'kube-prometheus-stack通过使用Prometheus-operator和Prometheus，提供简单易用的端到端Kubernetes集群监控能力。',
  },
  created: '2024-01-26T09:06:25Z',
  parameterTexts: {
    'Parameters.autopilot-flavor1.description': {
      en: 'Recommended when the number of containers in the cluster does not exceed 2000.',
      zh: '建议在集群中的容器数目不超过2000时使用。',
    },
    'Parameters.autopilot-flavor1.name': { en: 'Small(<=2000 containers)', zh: '小规格（2000容器以内）' },
    'Parameters.autopilot-flavor2.description': {
      en: 'Recommended when the number of containers in the cluster does not exceed 5000.',
      zh: '建议在集群中的容器数目不超过5000时使用。',
    },
    'Parameters.autopilot-flavor2.name': { en: 'Medium(<=5000 containers)', zh: '中规格（5000容器以内）' },
    'Parameters.autopilot-flavor5.description': {
      en: 'Recommended when the number of containers in the cluster does not exceed 2000.',
      zh: '建议在集群中的容器数目不超过2000时使用。',
    },
    'Parameters.autopilot-flavor5.name': { en: 'Small(<=2000 containers)', zh: '小规格（2000容器以内）' },
    'Parameters.custom.deploy_mode': { en: 'prometheus deploy mode', zh: 'Prometheus部署模式' },
    'Parameters.custom.highAvailability': {
      en: 'high availability of prometheus and kube-event-exporter',
      zh: '高可用方式部署普罗米修斯服务与k8s事件采集上报服务',
    },
    'Parameters.custom.retention': { en: 'Prometheus data retention period', zh: '普罗米修斯监控数据保留期' },
    'Parameters.custom.storage_size': { en: 'Prometheus server data Persistent Volume size', zh: '普罗米修斯服务器数据持久卷大小' },
  },
  keyTexts: {
    'Parameters.custom.deploy_mode': { en: 'prometheus deploy mode', zh: 'Prometheus部署模式' },
    'Parameters.custom.highAvailability': { en: 'high availability', zh: '高可用' },
    'Parameters.custom.retention': { en: 'data retention period', zh: '数据保留期' },
    'Parameters.custom.storage_size': { en: 'data Persistent Volume size', zh: '数据持久卷大小' },
  },
  basic: (region) => ({ aom_url: `aom.${region}.myhuaweicloud.com:8149`, region_id: region, ...swr(region) }),
  parameters: {
    'autopilot-flavor1': autopilotFlavor('Autopilot-Small(<=2000 containers)', {
      description: 'Recommended when the number of containers in the cluster does not exceed 2000.',
      deployMode: 'server',
      replicas: 1,
      resources: [
        { limitsCpu: '500m', limitsMem: '1Gi', name: 'prometheusOperator' },
        { limitsCpu: '8', limitsMem: '32Gi', name: 'prometheus' },
        { limitsCpu: '500m', limitsMem: '1Gi', name: 'kubeStateMetrics' },
      ],
    }),
    'autopilot-flavor2': autopilotFlavor('Autopilot-Medium(<=5000 containers)', {
      description: 'Recommended when the number of containers in the cluster does not exceed 5000.',
      deployMode: 'server',
      replicas: 1,
      resources: [
        { limitsCpu: '500m', limitsMem: '1Gi', name: 'prometheusOperator' },
        { limitsCpu: '16', limitsMem: '64Gi', name: 'prometheus' },
        { limitsCpu: '1', limitsMem: '2Gi', name: 'kubeStateMetrics' },
      ],
    }),
    'autopilot-flavor5': autopilotFlavor('Autopilot-Agent-Small(<=2000 containers)', {
      description: 'Recommended flavor for agent mode when the number of containers in the cluster does not exceed 2000.',
      deployMode: 'agent',
      isDefault: true,
      replicas: 1,
      resources: [
        { limitsCpu: '1', limitsMem: '1Gi', name: 'prometheusOperator', requestsCpu: '1', requestsMem: '1Gi' },
        { limitsCpu: '1800m', limitsMem: '2900Mi', name: 'prometheus', requestsCpu: '1800m', requestsMem: '2900Mi' },
        { limitsCpu: '1', limitsMem: '1Gi', name: 'kubeStateMetrics', requestsCpu: '1', requestsMem: '1Gi' },
      ],
    }),
    custom: {
      aom_enable: false,
      aom_instance_id: '',
      cluster_category: 'Autopilot',
      deploy_mode: 'agent',
      enable_autopilot: true,
      highAvailability: false,
      retention: '1d',
      scrapeInterval: '15s',
      storage_class: 'csi-disk',
      storage_size: '10Gi',
      storage_type: 'SAS',
    },
  },
  scenarios: [
    {
      category: ['Autopilot'],
      custom: { cluster_category: 'Autopilot', enableGcrypto: false, enable_cpd: false, storage_class: 'csi-disk' },
      name: 'autopilot-config',
    },
  ],
  versions: [
    {
      version: '3.9.3',
      clusterVersions: ['v1.(27|28).*'],
      released: '2024-01-26T09:06:25Z',
      changeLog: { en: 'The Autopilot cluster is supported.', zh: '新增支持autopilot集群。' },
    },
    {
      version: '3.10.1',
      clusterVersions: ['v1.(28|29|30).*'],
      released: '2024-09-02T10:48:36Z',
      changeLog: { en: 'Supports clusters of v1.29 and v1.30; agent mode reports metrics to AOM', zh: '支持v1.29、v1.30集群；agent模式支持上报指标至AOM' },
    },
    {
      version: '3.12.0',
      clusterVersions: ['v1.(29|30|31|32).*'],
      released: '2025-02-10T04:05:59Z',
      changeLog: { en: 'Supports clusters of v1.31 and v1.32; lower memory use in agent mode', zh: '支持v1.31、v1.32集群；降低agent模式内存占用' },
    },
  ],
};

/** Cloud Native Log Collection: reports container stdout, files and Kubernetes events to LTS with the project's AK/SK. */
const logAgent: TemplateDefinition = {
  name: 'log-agent',
  alias: 'log-agent',
  require: false,
  labels: ['CloudNativeObservability'],
  description: {
    en: 'log-agent is a cloud native log collection add-on based on Fluent Bit and OpenTelemetry: it collects container standard output, container files and Kubernetes events and reports them to LTS',
    zh: 'log-agent是基于Fluent Bit和OpenTelemetry构建的云原生日志采集插件，支持采集容器标准输出、容器文件日志及Kubernetes事件并上报至LTS',
  },
  created: '2024-04-15T02:30:00Z',
  parameterTexts: {
    'Parameters.autopilot-flavor1.name': { en: 'Default', zh: '默认规格' },
    'Parameters.autopilot-flavor1.description': { en: 'Up to 10 MB/s of logs per cluster', zh: '单集群日志采集能力不超过10 MB/s' },
    'Parameters.custom.enable_container_stdout': { en: 'Collect the standard output of containers', zh: '采集容器标准输出' },
    'Parameters.custom.enable_k8s_event': { en: 'Collect Kubernetes events', zh: '采集Kubernetes事件' },
    'Parameters.custom.log_group_ttl_in_days': { en: 'Retention of the default log group, in days', zh: '默认日志组的日志保存时间（天）' },
  },
  keyTexts: {
    'Parameters.custom.enable_container_stdout': { en: 'container standard output', zh: '容器标准输出' },
    'Parameters.custom.enable_k8s_event': { en: 'Kubernetes events', zh: 'Kubernetes事件' },
    'Parameters.custom.log_group_ttl_in_days': { en: 'log retention (days)', zh: '日志保存时间（天）' },
  },
  basic: (region) => ({ lts_endpoint: `lts-access.${region}.myhuaweicloud.com:8102`, region_id: region, ...swr(region) }),
  parameters: {
    'autopilot-flavor1': autopilotFlavor('autopilot-flavor1', {
      description: 'Up to 10 MB/s of logs per cluster',
      isDefault: true,
      replicas: 2,
      resources: [
        { name: 'fluent-bit', limitsCpu: '500m', requestsCpu: '100m', limitsMem: '500Mi', requestsMem: '100Mi' },
        { name: 'otel-collector', limitsCpu: '1', requestsCpu: '500m', limitsMem: '2Gi', requestsMem: '1Gi' },
      ],
    }),
    custom: { enable_container_stdout: true, enable_k8s_event: true, log_group_ttl_in_days: 7 },
  },
  versions: [
    {
      version: '1.3.2',
      clusterVersions: ['v1.(27|28|29).*'],
      released: '2024-04-15T02:30:00Z',
      changeLog: { en: 'Supports Autopilot clusters', zh: '支持Autopilot集群' },
    },
    {
      version: '1.4.0',
      clusterVersions: ['v1.(28|29|30|31).*'],
      released: '2024-11-11T08:00:12Z',
      changeLog: { en: 'Supports clusters of v1.30 and v1.31; collects Kubernetes events', zh: '支持v1.30、v1.31集群；支持采集Kubernetes事件' },
    },
    {
      version: '1.5.1',
      clusterVersions: ['v1.(30|31|32).*'],
      released: '2025-05-06T03:14:45Z',
      changeLog: { en: 'Supports clusters of v1.32; multi-line log parsing', zh: '支持v1.32集群；支持多行日志解析' },
    },
  ],
};

/** CCE Advanced HPA: scheduled and metric-driven scaling policies (CronHPA, CustomedHPA). */
const hpaController: TemplateDefinition = {
  name: 'cce-hpa-controller',
  alias: 'cce-hpa-controller',
  require: false,
  labels: ['ElasticScaling'],
  description: {
    en: 'CCE Advanced HPA scales workloads on a schedule (CronHPA) or by metrics with cooldown and step policies',
    zh: 'CCE容器弹性引擎，支持定时（CronHPA）及基于指标的工作负载弹性伸缩策略，可配置冷却时间与步长',
  },
  created: '2024-06-03T06:40:12Z',
  parameterTexts: {
    'Parameters.autopilot-flavor1.name': { en: 'High availability (2 instances)', zh: '高可用（2实例）' },
    'Parameters.autopilot-flavor1.description': { en: 'Two instances with leader election', zh: '两个实例，主备选举' },
  },
  keyTexts: {},
  basic: (region, version) => ({ image_version: version.version, ...swr(region) }),
  parameters: {
    'autopilot-flavor1': autopilotFlavor('autopilot-flavor1', {
      description: 'Two instances with leader election',
      isDefault: true,
      replicas: 2,
      resources: [
        { name: 'cce-hpa-controller', limitsCpu: '200m', requestsCpu: '100m', limitsMem: '500Mi', requestsMem: '200Mi' },
      ],
    }),
    custom: {},
  },
  versions: [
    {
      version: '1.4.3',
      clusterVersions: ['v1.(27|28|29|30).*'],
      released: '2024-06-03T06:40:12Z',
      changeLog: { en: 'Supports Autopilot clusters', zh: '支持Autopilot集群' },
    },
    {
      version: '1.5.2',
      clusterVersions: ['v1.(29|30|31|32).*'],
      released: '2025-01-20T11:22:07Z',
      changeLog: { en: 'Supports clusters of v1.31 and v1.32; CronHPA time zones', zh: '支持v1.31、v1.32集群；CronHPA支持时区' },
    },
  ],
};

/** Volcano batch scheduler; its newest version is not stable yet (table 4-165 `stable`). */
const volcano: TemplateDefinition = {
  name: 'volcano',
  alias: 'volcano',
  require: false,
  labels: ['Scheduling'],
  description: {
    en: 'Volcano is a batch scheduler for AI, big data and HPC workloads: gang scheduling, queues and fair share',
    zh: 'Volcano是面向AI、大数据及高性能计算场景的批量调度器，支持Gang调度、队列与公平调度',
  },
  created: '2024-05-20T01:10:33Z',
  parameterTexts: {
    'Parameters.autopilot-flavor1.name': { en: 'Default', zh: '默认规格' },
    'Parameters.autopilot-flavor1.description': { en: 'Up to 1000 pods scheduled per minute', zh: '调度能力不超过1000 Pod/分钟' },
    'Parameters.custom.default_scheduler_conf': { en: 'Actions and plugin tiers of the scheduler', zh: '调度器的动作与插件层级配置' },
  },
  keyTexts: { 'Parameters.custom.default_scheduler_conf': { en: 'scheduler configuration', zh: '调度器配置' } },
  basic: (region, version) => ({ image_version: version.image ?? version.version, ...swr(region) }),
  parameters: {
    'autopilot-flavor1': autopilotFlavor('autopilot-flavor1', {
      description: 'Up to 1000 pods scheduled per minute',
      isDefault: true,
      replicas: 1,
      resources: [
        { name: 'volcano-scheduler', limitsCpu: '2', requestsCpu: '500m', limitsMem: '2Gi', requestsMem: '500Mi' },
        { name: 'volcano-controller', limitsCpu: '1', requestsCpu: '500m', limitsMem: '1Gi', requestsMem: '500Mi' },
        { name: 'volcano-admission', limitsCpu: '500m', requestsCpu: '200m', limitsMem: '500Mi', requestsMem: '200Mi' },
      ],
    }),
    custom: {
      colocation_enable: false,
      default_scheduler_conf: {
        actions: 'allocate, backfill, preempt',
        tiers: [
          { plugins: [{ name: 'priority' }, { name: 'gang' }, { name: 'conformance' }] },
          { plugins: [{ name: 'drf' }, { name: 'predicates' }, { name: 'nodeorder' }, { name: 'binpack' }] },
        ],
      },
    },
  },
  versions: [
    {
      version: '1.12.1',
      clusterVersions: ['v1.(27|28|29).*'],
      released: '2024-05-20T01:10:33Z',
      image: 'v1.9.1',
      changeLog: { en: 'Supports Autopilot clusters', zh: '支持Autopilot集群' },
    },
    {
      version: '1.13.3',
      clusterVersions: ['v1.(28|29|30|31).*'],
      released: '2024-12-02T09:55:48Z',
      image: 'v1.10.0',
      changeLog: { en: 'Supports clusters of v1.30 and v1.31; queue capacity plugin', zh: '支持v1.30、v1.31集群；支持队列容量插件' },
    },
    {
      version: '1.15.8',
      clusterVersions: ['v1.(30|31|32).*'],
      released: '2025-06-09T07:31:26Z',
      stable: false,
      image: 'v1.11.2',
      changeLog: { en: 'Beta: supports clusters of v1.32; network topology aware scheduling', zh: '公测：支持v1.32集群；支持网络拓扑感知调度' },
    },
  ],
};

const definitions: readonly TemplateDefinition[] = [coredns, metricsServer, cieCollector, logAgent, hpaController, volcano];

// ---------------------------------------------------------------------------------------------------------------
// Building the catalog of a region
// ---------------------------------------------------------------------------------------------------------------

function translations(definition: TemplateDefinition, changeLog: LocalText): Record<string, AddonTranslationData> {
  const locale = (pick: 'en' | 'zh'): AddonTranslationData => ({
    addon: { changeLog: changeLog[pick], description: definition.description[pick] },
    description: Object.fromEntries(Object.entries(definition.parameterTexts).map(([key, text]) => [key, text[pick]])),
    key: Object.fromEntries(Object.entries(definition.keyTexts).map(([key, text]) => [key, text[pick]])),
  });
  return { en_US: locale('en'), zh_CN: locale('zh') };
}

function buildTemplate(definition: TemplateDefinition, region: string): AddonTemplateData {
  const versions = definition.versions.map(
    (version): AddonVersionData => ({
      version: version.version,
      input: {
        basic: definition.basic(region, version),
        parameters: structuredClone(definition.parameters),
        ...(definition.scenarios ? { scenarios: structuredClone(definition.scenarios) } : {}),
      },
      stable: version.stable ?? true,
      translate: translations(definition, version.changeLog),
      supportVersions: [{ clusterType: 'VirtualMachine', clusterVersion: version.clusterVersions, category: ['Autopilot'] }],
      creationTimestamp: version.released,
      updateTimestamp: version.released,
    }),
  );
  return {
    name: definition.name,
    alias: definition.alias,
    type: 'helm',
    require: definition.require,
    labels: definition.labels,
    // Empty as in the Autopilot examples (line 4702): the console never loads images from outside.
    logoURL: '',
    readmeURL: '',
    description: definition.description.en,
    creationTimestamp: definition.created,
    updateTimestamp: versions.at(-1)?.updateTimestamp ?? definition.created,
    versions,
  };
}

const catalogs = new Map<string, readonly AddonTemplateData[]>();

/** Every add-on template of a region (swr_addr and endpoints name the region). Callers must not mutate it. */
export function addonCatalog(region: string): readonly AddonTemplateData[] {
  let catalog = catalogs.get(region);
  if (!catalog) {
    catalog = definitions.map((definition) => buildTemplate(definition, region));
    catalogs.set(region, catalog);
  }
  return catalog;
}

/** Table 4-159: addon_template_name is "the add-on name or alias". */
export function findAddonTemplate(region: string, nameOrAlias: string): AddonTemplateData | undefined {
  const catalog = addonCatalog(region);
  return catalog.find((t) => t.name === nameOrAlias) ?? catalog.find((t) => t.alias === nameOrAlias);
}

/** Numeric, dot-separated comparison of add-on versions ("1.28.10" > "1.28.6"); a non-numeric part compares as text. */
export function compareAddonVersions(a: string, b: string): number {
  const left = a.replace(/^v/, '').split(/[.-]/);
  const right = b.replace(/^v/, '').split(/[.-]/);
  for (let i = 0; i < Math.max(left.length, right.length); i += 1) {
    const x = left[i] ?? '0';
    const y = right[i] ?? '0';
    const nx = Number(x);
    const ny = Number(y);
    const diff = Number.isNaN(nx) || Number.isNaN(ny) ? x.localeCompare(y) : nx - ny;
    if (diff !== 0) return Math.sign(diff);
  }
  return 0;
}

/** The cluster facts a support check reads. */
export type AddonClusterFacts = { version: string; type?: string | null };

function fullMatch(pattern: string, value: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`).test(value);
  } catch {
    return false;
  }
}

/**
 * Table 4-158: a version installs on a cluster when one of its supportVersions names the cluster's type, includes
 * Autopilot among its categories (000:379-395: an empty list means CCE Standard and Turbo only), and one of its
 * clusterVersion expressions matches the whole cluster version ("v1.(27|28).*" matches "v1.28" and "v1.28.5-r0").
 */
export function versionSupportsCluster(version: Pick<AddonVersionData, 'supportVersions'>, cluster: AddonClusterFacts): boolean {
  return version.supportVersions.some(
    (support) =>
      (!cluster.type || !support.clusterType || support.clusterType === cluster.type) &&
      support.category.includes('Autopilot') &&
      support.clusterVersion.some((pattern) => fullMatch(pattern, cluster.version)),
  );
}

/** The versions of a template that install on the cluster, oldest first. */
export function versionsSupportingCluster(template: AddonTemplateData, cluster: AddonClusterFacts): AddonVersionData[] {
  return template.versions.filter((version) => versionSupportsCluster(version, cluster));
}

/**
 * Table 4-152 (line 4506): without spec.version the install takes "the latest version the cluster supports" -
 * the newest stable one, or the newest at all when only a beta supports the cluster.
 */
export function defaultVersionForCluster(template: AddonTemplateData, cluster: AddonClusterFacts): AddonVersionData | undefined {
  const candidates = versionsSupportingCluster(template, cluster).sort((a, b) => compareAddonVersions(b.version, a.version));
  return candidates.find((version) => version.stable) ?? candidates[0];
}

/** Human list of the cluster versions a version supports, for refusals ("v1.(27|28).*"). */
export function supportedClusterVersionsText(version: Pick<AddonVersionData, 'supportVersions'>): string {
  return version.supportVersions.flatMap((support) => support.clusterVersion).join(', ');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const flavorKey = /(^|-)flavor\d+$/;

/**
 * The values a version installs with when the caller leaves them out (line 4508: "未填写参数将使用插件模板中的默认值"):
 * input.basic, the default flavor (is_default, else the first) and input.parameters.custom.
 */
export function defaultAddonValues(version: AddonVersionData): Record<string, unknown> {
  const parameters = version.input.parameters;
  const flavors = Object.entries(parameters).filter(([key, value]) => flavorKey.test(key) && isRecord(value));
  const flavor = flavors.find(([, value]) => isRecord(value) && value.is_default === true) ?? flavors[0];
  const custom = parameters.custom;
  return structuredClone({
    basic: version.input.basic,
    ...(flavor ? { flavor: flavor[1] } : {}),
    ...(isRecord(custom) ? { custom } : {}),
  });
}

/** Deep merge of plain objects: `override` wins, arrays and scalars are replaced, not merged. */
export function mergeAddonValues(base: Record<string, unknown>, override: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = structuredClone(base);
  for (const [key, value] of Object.entries(override)) {
    const current = out[key];
    out[key] = isRecord(current) && isRecord(value) ? mergeAddonValues(current, value) : structuredClone(value);
  }
  return out;
}
