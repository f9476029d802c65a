import { StatusIcon } from './status-icon';

/** Files the control room could not use (file:line, field), listed where their feature is shown. */
export function FileProblems({
  heading,
  problems,
  testId,
  className,
}: {
  heading: string;
  problems: readonly string[];
  testId: string;
  className?: string;
}) {
  if (problems.length === 0) return null;
  return (
    <div
      className={`banner banner-error${className ? ` ${className}` : ''}`}
      role="alert"
      data-testid={testId}
    >
      <StatusIcon name="warning" />
      <div>
        <strong>{heading}</strong>
        <ul>
          {problems.map((p) => (
            <li key={p}>
              <code>{p}</code>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
