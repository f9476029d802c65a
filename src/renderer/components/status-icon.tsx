import type { ReactNode } from 'react';

// Small line icons drawn in currentColor: status is always icon + word, never colour alone.
export type IconName =
  | 'play'
  | 'pause'
  | 'hand'
  | 'warning'
  | 'cross'
  | 'check'
  | 'critical'
  | 'unknown'
  | 'dot'
  | 'clock'
  | 'disconnected'
  | 'up'
  | 'down'
  | 'flag';

const PATHS: Record<IconName, ReactNode> = {
  play: <path d="M5 3.5v9l7-4.5z" fill="currentColor" stroke="none" />,
  pause: (
    <>
      <rect x="4" y="3.5" width="2.6" height="9" rx="0.6" fill="currentColor" stroke="none" />
      <rect x="9.4" y="3.5" width="2.6" height="9" rx="0.6" fill="currentColor" stroke="none" />
    </>
  ),
  hand: (
    <>
      <circle cx="8" cy="8" r="6" />
      <path d="M8 4.5v4l2.5 1.5" />
    </>
  ),
  warning: (
    <>
      <path d="M8 2 14.5 13.5h-13z" strokeLinejoin="round" />
      <path d="M8 6.5v3.2M8 11.4v.1" />
    </>
  ),
  cross: <path d="M4 4l8 8M12 4l-8 8" />,
  check: <path d="M3 8.5l3.2 3.2L13 4.8" />,
  critical: (
    <>
      <path d="M5.5 1.8h5l3.7 3.7v5l-3.7 3.7h-5l-3.7-3.7v-5z" strokeLinejoin="round" />
      <path d="M8 4.8v3.8M8 11v.1" />
    </>
  ),
  unknown: (
    <>
      <circle cx="8" cy="8" r="6" />
      <path d="M6.3 6.3a1.8 1.8 0 1 1 2.4 1.7c-.5.2-.7.6-.7 1.1v.3M8 11.3v.1" />
    </>
  ),
  dot: <circle cx="8" cy="8" r="3.5" fill="currentColor" stroke="none" />,
  clock: (
    <>
      <circle cx="8" cy="8" r="6" />
      <path d="M8 4.5V8h3" />
    </>
  ),
  disconnected: (
    <>
      <path d="M2 8h3M11 8h3M6.5 5.5 9.5 10.5" />
      <circle cx="5.5" cy="8" r="1" />
      <circle cx="10.5" cy="8" r="1" />
    </>
  ),
  up: <path d="M8 13V3.5M4 7.5l4-4 4 4" strokeLinejoin="round" />,
  down: <path d="M8 3v9.5M4 8.5l4 4 4-4" strokeLinejoin="round" />,
  flag: <path d="M4 14V2.5M4 3h8l-2 3 2 3H4" strokeLinejoin="round" />,
};

export function StatusIcon({ name, className }: { name: IconName; className?: string }) {
  return (
    <svg
      className={className ? `icon ${className}` : 'icon'}
      viewBox="0 0 16 16"
      width="14"
      height="14"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.7"
      strokeLinecap="round"
      aria-hidden="true"
      focusable="false"
    >
      {PATHS[name]}
    </svg>
  );
}
