// 简体中文 base catalog (shell + cluster pages), loaded when the locale is zh-CN. Same keys as en.ts's base: a
// missing or extra key is a type error.
import type { BaseMessageKey, CoreMessageKey } from './en.ts';
import { clustersZhCN } from './zh-cn-clusters.ts';

const coreZhCN: Record<CoreMessageKey, string> = {
  'app.title': 'CCE Autopilot 控制台',
  'app.skipToContent': '跳到正文',
  'nav.label': '主导航',
  'nav.clusters': '集群',
  'nav.addons': '插件',
  'nav.charts': '模板',
  'nav.upgrades': '升级',
  'nav.toggle': '切换导航',
  'header.language': '语言',
  'header.colorScheme': '配色',
  'header.colorScheme.light': '浅色',
  'header.colorScheme.dark': '深色',
  'header.colorScheme.auto': '跟随系统',
  'header.mode.emulator': '模拟器',
  'header.mode.cloud': '华为云',
  'header.modeRegion': '{mode} · {region}',
  'common.comingSoon': '即将推出',
  'common.comingSoonBody': '控制台的这一部分正在开发中。',
  'common.retry': '重试',
  'common.breadcrumbs': '面包屑导航',
  'common.loading': '加载中…',
  'common.unknownValue': '未知：{value}',
  'common.notFound': '页面不存在',
  'common.notFoundBody': '{path} 没有内容。',
  'common.backToClusters': '返回集群列表',
  'error.title': '请求失败',
  'error.status': 'HTTP {status}',
  'error.code': '错误码',
  'error.requestId': '请求 ID',
  'error.network': '无法连接控制台服务器。',
  'error.parse': '响应的格式不符合预期：{detail}',
};

export const baseZhCN: Record<BaseMessageKey, string> = { ...coreZhCN, ...clustersZhCN };
