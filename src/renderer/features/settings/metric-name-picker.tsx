import { useId, useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { useMetricNames } from '../../api/use-connection-settings';

/**
 * Autocompletion for the PromQL in "Other settings": the metric names the saved connection's
 * Prometheus knows, in a datalist; Insert puts the chosen one where the cursor was.
 */
export function MetricNamePicker({
  connection,
  onInsert,
}: {
  /** The saved connection's name; a new one must be saved before Prometheus can be asked. */
  connection: string | undefined;
  onInsert: (name: string) => void;
}) {
  const [wanted, setWanted] = useState(false);
  const [value, setValue] = useState('');
  const names = useMetricNames(connection, wanted);
  const id = useId();
  const note = !connection
    ? 'Save the connection first: then its Prometheus suggests metric names here.'
    : names.isError
      ? `Could not ask Prometheus: ${errorMessage(names.error)}`
      : names.data
        ? `${names.data.values.length} metric names from Prometheus`
        : wanted
          ? 'Asking Prometheus…'
          : 'Focus to load the names Prometheus knows';
  return (
    <div className="field metric-picker">
      <label htmlFor={id}>Metric name</label>
      <div className="metric-picker-row">
        <input
          id={id}
          list={`${id}-names`}
          value={value}
          disabled={!connection}
          onFocus={() => setWanted(true)}
          onChange={(e) => setValue(e.target.value)}
          onKeyDown={(e) => {
            // Enter here inserts the name; it must not save the whole form.
            if (e.key !== 'Enter') return;
            e.preventDefault();
            if (value.trim() !== '') onInsert(value.trim());
          }}
          aria-describedby={`${id}-note`}
          spellCheck={false}
          autoComplete="off"
        />
        <button
          type="button"
          className="btn btn-small"
          disabled={!connection || value.trim() === ''}
          onClick={() => onInsert(value.trim())}
        >
          Insert
        </button>
      </div>
      <datalist id={`${id}-names`}>
        {names.data?.values.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
      <span
        id={`${id}-note`}
        className={names.isError ? 'field-error' : 'field-hint'}
        data-testid="metric-picker-note"
      >
        {note}
      </span>
    </div>
  );
}
