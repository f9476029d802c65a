import type { ReactNode } from 'react';
import { StatusIcon } from './status-icon';

/** A warning title and what it is about, one item a line: nothing when there is nothing to say. */
export function CautionList({
  title,
  items,
  testId,
  className,
  role,
}: {
  title: ReactNode;
  items: readonly string[];
  testId: string;
  className?: string;
  role?: 'status';
}) {
  if (items.length === 0) return null;
  return (
    <div className={className ? `caution ${className}` : 'caution'} role={role} data-testid={testId}>
      <p className="caution-title">
        <StatusIcon name="warning" />
        <strong>{title}</strong>
      </p>
      <ul>
        {items.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
    </div>
  );
}
