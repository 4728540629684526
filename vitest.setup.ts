// Component tests opt in to jsdom with `// @vitest-environment jsdom`; the matchers are registered for all.
import '@testing-library/jest-dom/vitest';
