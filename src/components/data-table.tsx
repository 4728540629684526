// Tables of the console: plain HTML table elements with the Mantine look (borders, striping, hover) from a CSS
// module. Mantine's Table carries its ScrollContainer as a static member, which brings ScrollArea and the popover
// positioning library into every page with a table; this keeps the same call shape without them.
import type { CSSProperties, ReactNode, TdHTMLAttributes, ThHTMLAttributes } from 'react';
import classes from './data-table.module.css';

type Spacing = number | 'xs' | 'sm' | 'md';

type TableProps = {
  children: ReactNode;
  'aria-label': string;
  striped?: boolean;
  highlightOnHover?: boolean;
  /** Vertical cell padding: px or a Mantine spacing name. */
  verticalSpacing?: Spacing;
  layout?: 'auto' | 'fixed';
  className?: string;
};

const spacing = (value: Spacing) => (typeof value === 'number' ? `${value}px` : `var(--mantine-spacing-${value})`);

type Sizing = { w?: number | string; miw?: number | string; fw?: number };

function sized(style: CSSProperties | undefined, { w, miw, fw }: Sizing): CSSProperties | undefined {
  if (w === undefined && miw === undefined && fw === undefined) return style;
  return { ...style, ...(w !== undefined ? { width: w } : {}), ...(miw !== undefined ? { minWidth: miw } : {}), ...(fw !== undefined ? { fontWeight: fw } : {}) };
}

function TableRoot({ children, striped, highlightOnHover, verticalSpacing = 'xs', layout = 'auto', className, ...aria }: TableProps) {
  return (
    <table
      className={[classes.table, className].filter(Boolean).join(' ')}
      data-striped={striped || undefined}
      data-hover={highlightOnHover || undefined}
      style={{ '--table-vertical-spacing': spacing(verticalSpacing), tableLayout: layout } as CSSProperties}
      {...aria}
    >
      {children}
    </table>
  );
}

const Thead = ({ children }: { children: ReactNode }) => <thead>{children}</thead>;
const Tbody = ({ children }: { children: ReactNode }) => <tbody>{children}</tbody>;
const Tr = ({ children }: { children: ReactNode }) => <tr>{children}</tr>;

function Th({ w, miw, fw, style, ...props }: ThHTMLAttributes<HTMLTableCellElement> & Sizing) {
  return <th style={sized(style, { w, miw, fw })} {...props} />;
}

function Td({ w, miw, fw, style, ...props }: TdHTMLAttributes<HTMLTableCellElement> & Sizing) {
  return <td style={sized(style, { w, miw, fw })} {...props} />;
}

export const Table = Object.assign(TableRoot, { Thead, Tbody, Tr, Th, Td });
