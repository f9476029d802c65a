// The Delivery view: DORA's five metrics per service and environment over a chosen period, each
// with its definition under it and its sample size, so two deployments never pass for a trend.
import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type {
  DeliveryFigures,
  DeliveryGroup,
  SampledDuration,
  SampledRate,
} from '../../../shared/api/delivery-api';
import { chartPalette } from '../../components/chart-palette';
import { formatDuration } from '../../components/format-duration';
import { useDeliveryMetrics } from '../../api/use-delivery-metrics';
import { useThemeStore } from '../../store/theme-store';
import './delivery.css';

export const DELIVERY_PERIODS = [
  ['7d', 'Last 7 days'],
  ['30d', 'Last 30 days'],
  ['90d', 'Last 90 days'],
] as const;

function rateText(r: SampledRate): string {
  return r.rate === null ? 'none' : `${Math.round(r.rate * 100)}% (${r.numerator} of ${r.denominator})`;
}

function durationText(d: SampledDuration): string {
  if (d.medianMs === null) return 'unknown';
  return `median ${formatDuration(d.medianMs)} (${d.samples})${d.unknown > 0 ? `, ${d.unknown} unknown` : ''}`;
}

function Figures({ f }: { f: DeliveryFigures }) {
  const rows: [string, string, string | undefined][] = [
    [
      'Deployment frequency',
      `${f.deploymentFrequency.perDay.toFixed(2)} per day (${f.deployments} deployments)`,
      f.deploymentFrequency.note,
    ],
    ['Change lead time', durationText(f.changeLeadTime), f.changeLeadTime.note],
    ['Change fail rate', rateText(f.changeFailRate), f.changeFailRate.note],
    [
      'Changes: deploys / flags',
      `${f.changeSplit.deploys.changes} deploys (${f.changeSplit.deploys.failed} failed) · ${f.changeSplit.flags.changes} flag changes (${f.changeSplit.flags.failed} reverted)`,
      undefined,
    ],
    [
      'Failed deployment recovery time',
      durationText(f.failedDeploymentRecoveryTime),
      f.failedDeploymentRecoveryTime.note,
    ],
    ['Deployment rework rate', rateText(f.deploymentReworkRate), f.deploymentReworkRate.note],
  ];
  return (
    <dl className="delivery-figures tabular">
      {rows.map(([name, value, note]) => (
        <div key={name} className="delivery-figure">
          <dt>{name}</dt>
          <dd>
            {value}
            {note && <span className="delivery-note"> — ⚠ {note}</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function GroupCard({ group }: { group: DeliveryGroup }) {
  const palette = chartPalette(useThemeStore((s) => s.theme));
  const name = `${group.service} / ${group.environment}`;
  return (
    <section
      className="chart-card delivery-card"
      aria-label={name}
      data-testid={`delivery-${group.service}-${group.environment}`}
    >
      <h2 className="chart-title">{name}</h2>
      <div className="delivery-chart" aria-label={`Deployments and failed changes per day for ${name}`}>
        <ResponsiveContainer width="100%" height={160}>
          <BarChart data={group.days}>
            <CartesianGrid stroke={palette.grid} vertical={false} />
            <XAxis dataKey="day" stroke={palette.axis} tick={{ fontSize: 11 }} />
            <YAxis allowDecimals={false} stroke={palette.axis} width={28} tick={{ fontSize: 11 }} />
            <Tooltip
              contentStyle={{
                background: palette.tooltipBg,
                borderColor: palette.tooltipBorder,
                color: palette.text,
              }}
            />
            <Legend />
            <Bar dataKey="deployments" name="Deployments" fill={palette.weight} isAnimationActive={false} />
            <Bar dataKey="failed" name="Failed changes" fill={palette.critical} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <Figures f={group} />
    </section>
  );
}

export function DeliveryView() {
  const [since, setSince] = useState<string>('30d');
  const query = useDeliveryMetrics(since);
  const m = query.data;
  return (
    <section className="delivery-view" aria-labelledby="delivery-title">
      <div className="view-head">
        <h1 id="delivery-title" className="view-title">
          Delivery metrics
        </h1>
        <label className="delivery-period">
          Period{' '}
          <select value={since} onChange={(e) => setSince(e.target.value)} data-testid="delivery-period">
            {DELIVERY_PERIODS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {query.isError && (
        <p className="banner banner-error" role="alert">
          ✖ Could not compute the delivery metrics: {query.error.message}
        </p>
      )}
      {!m && !query.isError && <p className="loading">Computing from the audit log…</p>}
      {m && (
        <>
          <p className="muted tabular">
            From the audit log, {m.since.slice(0, 16)}Z to {m.until.slice(0, 16)}Z.
          </p>
          <section className="chart-card" aria-label="All services">
            <h2 className="chart-title">All services and environments</h2>
            <Figures f={m.total} />
          </section>
          {m.groups.length === 0 && <p className="muted">No rollout completed or failed in the period.</p>}
          <div className="delivery-grid">
            {m.groups.map((g) => (
              <GroupCard key={`${g.service}/${g.environment}`} group={g} />
            ))}
          </div>
          <section className="delivery-definitions" aria-label="Definitions">
            <h2 className="chart-title">Definitions (DORA, 2024/2025)</h2>
            {Object.entries(m.definitions).map(([key, text]) => (
              <p key={key}>{text}</p>
            ))}
          </section>
        </>
      )}
    </section>
  );
}
