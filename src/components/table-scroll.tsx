// A wide table scrolls sideways inside its own box. A plain overflow box, not Mantine's ScrollArea: the custom
// scrollbars bring the popover positioning library into every page with a table.
import type { ReactNode } from 'react';
import classes from './table-scroll.module.css';

export function TableScroll({ minWidth, label, children }: { minWidth: number; label: string; children: ReactNode }) {
  return (
    // focusable so keyboard users can scroll it (axe: scrollable-region-focusable)
    <div className={classes.scroll} role="region" aria-label={label} tabIndex={0}>
      <div style={{ minWidth }}>{children}</div>
    </div>
  );
}
