// The shell: header (product, mode, language, colour scheme), navigation, and the routed page.
import {
  AppShell,
  Badge,
  Burger,
  Group,
  Loader,
  NavLink,
  SegmentedControl,
  NativeSelect,
  Text,
  useMantineColorScheme,
  type MantineColorScheme,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { QueryErrorResetBoundary } from '@tanstack/react-query';
import { Suspense } from 'react';
import { NavLink as RouterNavLink, Outlet, useLocation } from 'react-router';
import { useConsoleConfig } from '../api/console-queries.ts';
import type { MessageKey } from '../i18n/en.ts';
import { isLocale, localeNames, locales, useI18n } from '../i18n/i18n.tsx';
import classes from './app-layout.module.css';
import { RouteErrorBoundary } from './route-error-boundary.tsx';

const navItems: Array<{ to: string; label: MessageKey }> = [
  { to: '/clusters', label: 'nav.clusters' },
  { to: '/quotas', label: 'quotas.title' },
  { to: '/addons', label: 'nav.addons' },
  { to: '/charts', label: 'nav.charts' },
  { to: '/upgrades', label: 'nav.upgrades' },
];

function ModeBadge() {
  const { t } = useI18n();
  const config = useConsoleConfig();
  const mode = t(config.mode === 'emulator' ? 'header.mode.emulator' : 'header.mode.cloud');
  return (
    <Badge variant="outline" color={config.mode === 'emulator' ? 'grape' : 'teal'} tt="none">
      {t('header.modeRegion', { mode, region: config.region })}
    </Badge>
  );
}

function ColorSchemeSwitch() {
  const { t } = useI18n();
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('header.colorScheme')}
      value={colorScheme}
      onChange={(value) => setColorScheme(value as MantineColorScheme)}
      data={[
        { value: 'light', label: t('header.colorScheme.light') },
        { value: 'dark', label: t('header.colorScheme.dark') },
        { value: 'auto', label: t('header.colorScheme.auto') },
      ]}
    />
  );
}

function LanguageSwitch() {
  const { t, locale, setLocale } = useI18n();
  return (
    <NativeSelect
      size="xs"
      w={120}
      aria-label={t('header.language')}
      value={locale}
      onChange={(event) => {
        const value = event.currentTarget.value;
        if (isLocale(value)) setLocale(value);
      }}
      data={locales.map((l) => ({ value: l, label: localeNames[l] }))}
    />
  );
}

export function AppLayout() {
  const { t } = useI18n();
  const [opened, { toggle, close }] = useDisclosure();
  const { pathname } = useLocation();
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="lg">
      <a href="#main" className={classes.skipLink}>
        {t('app.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} />
            <Text fw={700} component="span">
              {t('app.title')}
            </Text>
            <Suspense fallback={null}>
              <ModeBadge />
            </Suspense>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitch />
            <ColorSchemeSwitch />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('nav.label')}>
        {navItems.map((item) => (
          <NavLink key={item.to} component={RouterNavLink} to={item.to} label={t(item.label)} active={pathname === item.to || pathname.startsWith(`${item.to}/`)} onClick={close} />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Suspense
          fallback={
            <Group justify="center" py="xl">
              <Loader aria-label={t('common.loading')} />
            </Group>
          }
        >
          <QueryErrorResetBoundary>
            {({ reset }) => (
              <RouteErrorBoundary resetKey={pathname} onReset={reset}>
                <Outlet />
              </RouteErrorBoundary>
            )}
          </QueryErrorResetBoundary>
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
