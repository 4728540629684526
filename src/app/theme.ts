import { createTheme, darken, type CSSVariablesResolver } from '@mantine/core';

// Shade 8 of blue keeps white text on filled controls above 4.5:1 in both schemes (axe colour-contrast).
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 8 },
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif',
  focusRing: 'auto',
});

/**
 * Text must stay at 4.5:1 (WCAG AA, axe colour-contrast) in both schemes. Mantine's defaults fall short for dimmed
 * text (gray.6 on white 3.3:1; dark.2 on dark.7 4.0:1), for field errors (red.6 on white 3.3:1; red.8 on dark.6
 * 3.0:1) and, in the light scheme, for the text of light-variant badges and alerts in green (3.8:1), yellow (2.7:1)
 * and orange: those get a darker shade of their own colour.
 */
export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': t.colors.gray[7],
    '--mantine-color-error': t.colors.red[9],
    '--mantine-color-green-light-color': darken(t.colors.green[9], 0.2),
    '--mantine-color-yellow-light-color': darken(t.colors.yellow[9], 0.35),
    '--mantine-color-orange-light-color': darken(t.colors.orange[9], 0.25),
  },
  dark: { '--mantine-color-dimmed': t.colors.dark[1], '--mantine-color-error': t.colors.red[4] },
});
