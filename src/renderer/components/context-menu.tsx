// An accessible context menu (role=menu): focus starts on the first enabled item, arrow keys,
// Home/End move, Enter/Space choose, Escape or Tab closes and the opener takes focus back.
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';

export interface MenuItem {
  id: string;
  label: string;
  /** Disabled items stay listed, saying why, as the rollout view's buttons do. */
  disabled?: boolean;
  reason?: string;
  onSelect: () => void;
}

interface ContextMenuProps {
  label: string;
  items: readonly MenuItem[];
  /** Where it opens, in viewport pixels. */
  at: { x: number; y: number };
  onClose: () => void;
}

export function ContextMenu({ label, items, at, onClose }: ContextMenuProps) {
  const ref = useRef<HTMLDivElement>(null);
  const first = Math.max(
    0,
    items.findIndex((i) => !i.disabled),
  );
  const [active, setActive] = useState(first);

  useLayoutEffect(() => {
    ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]')[active]?.focus();
  }, [active, items.length]);

  useEffect(() => {
    const onPointer = (event: PointerEvent): void => {
      if (!ref.current?.contains(event.target as Node)) onClose();
    };
    window.addEventListener('pointerdown', onPointer);
    return () => window.removeEventListener('pointerdown', onPointer);
  }, [onClose]);

  const choose = (item: MenuItem | undefined): void => {
    if (!item || item.disabled) return;
    // Chosen first, so a confirmation it opens is there when the menu closes.
    item.onSelect();
    onClose();
  };

  const onKeyDown = (event: KeyboardEvent): void => {
    const last = items.length - 1;
    const moves: Record<string, number> = {
      ArrowDown: active >= last ? 0 : active + 1,
      ArrowUp: active <= 0 ? last : active - 1,
      Home: 0,
      End: last,
    };
    if (event.key in moves) setActive(moves[event.key] as number);
    else if (event.key === 'Enter' || event.key === ' ') choose(items[active]);
    else if (event.key === 'Escape' || event.key === 'Tab') onClose();
    else return;
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <div
      ref={ref}
      role="menu"
      aria-label={label}
      className="context-menu"
      style={{ left: at.x, top: at.y }}
      onKeyDown={onKeyDown}
    >
      {items.map((item, index) => (
        <div
          key={item.id}
          role="menuitem"
          tabIndex={index === active ? 0 : -1}
          aria-disabled={item.disabled || undefined}
          className="context-menu-item"
          onClick={() => choose(item)}
          onMouseEnter={() => setActive(index)}
        >
          <span>{item.label}</span>
          {item.disabled && item.reason && <span className="context-menu-reason">{item.reason}</span>}
        </div>
      ))}
    </div>
  );
}
