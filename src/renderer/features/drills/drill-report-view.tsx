import { useMemo } from 'react';
import { errorMessage } from '../../api/api-error';
import { useDrillReport } from '../../api/use-drills';
import type { PaletteEntry } from '../../app/palette-entry';
import { routeHref } from '../../app/routes';
import { useScreenPaletteEntries } from '../../app/screen-palette-entries';
import { downloadFile } from '../../components/download-file';
import { useThemeStore } from '../../store/theme-store';
import './drills.css';

/** The saved page follows the reader's system theme; in the app it follows the app's. */
const themed = (html: string, theme: string) =>
  html.replace('<html lang="en">', `<html lang="en" data-theme="${theme === 'light' ? 'light' : 'dark'}">`);

/**
 * One finished drill's after-action report: the saved self-contained page in an iframe with every
 * sandbox permission off (no script, no navigation, no forms), and its HTML and Markdown to keep.
 */
export function DrillReportView({ id }: { id: string }) {
  const report = useDrillReport(id);
  const theme = useThemeStore((s) => s.theme);
  const data = report.data;
  const downloads = useMemo(
    () =>
      data
        ? [
            {
              name: 'Download report HTML',
              run: () => downloadFile(`${data.id}-after-action.html`, data.html, 'text/html'),
            },
            {
              name: 'Download report Markdown',
              run: () => downloadFile(`${data.id}-after-action.md`, data.markdown, 'text/markdown'),
            },
          ]
        : [],
    [data],
  );
  const entries = useMemo(
    (): PaletteEntry[] =>
      downloads.map((d) => ({
        id: `drill-run:${d.name}:${id}`,
        name: d.name,
        target: id,
        keywords: ['after-action', 'drill', 'save'],
        kind: 'action',
        group: 'Drills',
        run: d.run,
      })),
    [downloads, id],
  );
  useScreenPaletteEntries(`drill-run:${id}`, entries);
  return (
    <section className="drill-report-view" aria-labelledby="drill-report-title">
      <div className="view-head">
        <a href={routeHref({ name: 'drills' })}>← Drills</a>
        <h1 id="drill-report-title" className="view-title">
          After-action report <span className="muted">{id}</span>
        </h1>
        {downloads.map((d) => (
          <button key={d.name} type="button" className="btn btn-small" onClick={d.run}>
            ⬇ {d.name}
          </button>
        ))}
      </div>
      {report.isError && (
        <p className="banner banner-error" role="alert">
          Could not open this report: {errorMessage(report.error)}
        </p>
      )}
      {!data && !report.isError && <p className="loading">Loading the report…</p>}
      {data && (
        <iframe
          className="drill-report-frame"
          title={`After-action report ${id}`}
          sandbox=""
          srcDoc={themed(data.html, theme)}
          data-testid="drill-report-frame"
        />
      )}
    </section>
  );
}
