// Component tests opt in to jsdom with `// @vitest-environment jsdom`; the matchers are registered for all.
// Every catalog part is loaded up front, so a component renders its words without waiting for a lazy part
// (the lazy loading itself is tested in src/i18n/i18n.test.ts on a fresh module instance).
import '@testing-library/jest-dom/vitest';
import { loadCatalog, locales } from './src/i18n/i18n.tsx';

await Promise.all(locales.flatMap((locale) => [loadCatalog(locale, 'base'), loadCatalog(locale, 'wizard'), loadCatalog(locale, 'clusterDetail')]));
