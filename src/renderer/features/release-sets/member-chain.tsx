import type { Health } from '../../../shared/domain';
import type { GateStatus, MemberStatus } from '../../../shared/release-sets';
import { routeHref } from '../../app/routes';
import { HealthBadge } from '../../components/status-badge';
import { StatusIcon } from '../../components/status-icon';
import { WeightBar } from '../../components/weight-bar';
import { MemberStateBadge } from './set-badges';
import { gateWords } from './set-words';

const HEALTHS: readonly string[] = ['healthy', 'warning', 'critical', 'unknown'];

function Gate({ gate, index }: { gate: GateStatus; index: number }) {
  return (
    <div
      className={`set-gate ${gate.holds ? 'gate-open' : 'gate-waiting'}`}
      data-testid={`set-gate-${index}`}
      data-holds={gate.holds}
    >
      <span className="set-gate-line" aria-hidden="true" />
      <span className="set-gate-words">
        <StatusIcon name={gate.holds ? 'check' : 'clock'} />
        <span className="visually-hidden">Gate </span>
        {gateWords(gate)}
      </span>
    </div>
  );
}

function Member({ status, index }: { status: MemberStatus; index: number }) {
  const { member } = status;
  return (
    <div className="set-member panel" data-testid={`set-member-${index}`} data-state={status.state}>
      <div className="set-member-head">
        <span className="set-member-index" aria-hidden="true">
          {index + 1}
        </span>
        <h3 className="set-member-label">{status.label}</h3>
        <span className="muted small">{member.kind === 'service' ? 'service' : 'schema migration'}</span>
        <MemberStateBadge state={status.state} testId={`set-member-state-${index}`} />
      </div>
      <dl className="set-member-facts">
        {member.kind === 'service' && (
          <>
            <dt>Rollout</dt>
            <dd>
              {status.rollout ? (
                <a href={routeHref({ name: 'rollout', id: status.rollout })}>{status.rollout}</a>
              ) : (
                <span className="muted">no rollout of {member.service} in this environment</span>
              )}
            </dd>
            <dt>Traffic on {member.version}</dt>
            <dd>
              {status.weight !== undefined ? (
                <WeightBar weight={status.weight} testId={`set-member-weight-${index}`} />
              ) : (
                <span className="muted">—</span>
              )}
            </dd>
          </>
        )}
        {member.kind === 'migration' && (
          <>
            <dt>Plan</dt>
            <dd>
              <a href={routeHref({ name: 'migration', id: member.plan })}>
                {member.plan} to {member.phase}
              </a>
            </dd>
          </>
        )}
        <dt>Health</dt>
        <dd>
          {status.health && HEALTHS.includes(status.health) ? (
            <HealthBadge health={status.health as Health} />
          ) : (
            <span className={status.health ? '' : 'muted'}>{status.health ?? '—'}</span>
          )}
        </dd>
      </dl>
    </div>
  );
}

/** The members top to bottom in release order, the gate before each in words between them. */
export function MemberChain({ members }: { members: readonly MemberStatus[] }) {
  return (
    <ol className="set-chain" aria-label="Members in release order">
      {members.map((status, index) => (
        <li key={`${index}:${status.label}`} className="set-chain-item">
          {status.gate && <Gate gate={status.gate} index={index} />}
          <Member status={status} index={index} />
        </li>
      ))}
    </ol>
  );
}
