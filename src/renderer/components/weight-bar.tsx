export function WeightBar({ weight, testId }: { weight: number; testId?: string }) {
  const clamped = Math.max(0, Math.min(100, weight));
  return (
    <span className="weight" title={`${weight}% of traffic on the new version`}>
      <span className="weight-number" data-testid={testId}>
        {Math.round(weight * 10) / 10}%
      </span>
      <span className="weight-bar" aria-hidden="true">
        <span className="weight-bar-fill" style={{ width: `${clamped}%` }} />
      </span>
    </span>
  );
}
