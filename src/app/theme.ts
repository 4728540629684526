import { createTheme } from '@mantine/core';

// Shade 8 of blue keeps white text on filled controls above 4.5:1 in both schemes (axe colour-contrast).
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 8 },
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif',
  focusRing: 'auto',
});
