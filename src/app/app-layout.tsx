// The shell: header (product, mode, language, colour scheme), navigation, and the routed page. A CSS grid of our
// own rather than Mantine's AppShell: the same layout without its resize handles, media-query styles and scroll lock
// in every first load (size budget).
import { Badge, Burger, Group, Loader, NativeSelect, Text, useMantineColorScheme, type MantineColorScheme } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { QueryErrorResetBoundary } from '@tanstack/react-query';
import { Suspense } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
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

const colorSchemes = ['light', 'dark', 'auto'] as const satisfies readonly MantineColorScheme[];
const isColorScheme = (value: string): value is (typeof colorSchemes)[number] => (colorSchemes as readonly string[]).includes(value);

function ModeBadge() {
  const { t } = useI18n();
  const config = useConsoleConfig();
  const mode = t(config.mode === 'emulator' ? 'header.mode.emulator' : 'header.mode.cloud');
  return (
    <Badge variant="outline" color={config.mode === 'emulator' ? 'grape' : 'teal'} tt="none" visibleFrom="xs">
      {t('header.modeRegion', { mode, region: config.region })}
    </Badge>
  );
}

function ColorSchemeSwitch() {
  const { t } = useI18n();
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  return (
    <NativeSelect
      size="xs"
      w={110}
      aria-label={t('header.colorScheme')}
      value={colorScheme}
      onChange={(event) => {
        const value = event.currentTarget.value;
        if (isColorScheme(value)) setColorScheme(value);
      }}
      data={colorSchemes.map((value) => ({ value, label: t(`header.colorScheme.${value}`) }))}
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
    <div className={classes.shell} data-nav-open={opened || undefined}>
      <a href="#main" className={classes.skipLink}>
        {t('app.skipToContent')}
      </a>
      <header className={classes.header}>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} aria-expanded={opened} aria-controls="main-nav" />
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
      </header>
      <nav id="main-nav" className={classes.nav} aria-label={t('nav.label')}>
        {navItems.map((item) => (
          <NavLink key={item.to} to={item.to} className={classes.navLink} onClick={close}>
            {t(item.label)}
          </NavLink>
        ))}
      </nav>
      <main id="main" className={classes.main} tabIndex={-1}>
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
      </main>
    </div>
  );
}
