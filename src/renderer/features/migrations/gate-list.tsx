import type { GateView } from '../../../shared/migrations';
import { GateBadge } from './migration-status';

export function GateList({ gates }: { gates: GateView[] }) {
  if (gates.length === 0)
    return <p className="muted">No entry gates: this is the plan&apos;s first phase.</p>;
  return (
    <ul className="gate-list" data-testid="phase-gates">
      {gates.map((g, i) => (
        <li key={`${g.kind}-${i}`} className="gate" data-testid={`gate-${i}`} data-met={g.met}>
          <GateBadge met={g.met} />
          <div>
            <div className="gate-description">{g.description}</div>
            <div className={g.met ? 'muted' : 'gate-reason'}>{g.reason}</div>
          </div>
        </li>
      ))}
    </ul>
  );
}
