import { useChangeStream } from '../api/use-change-stream';
import { ToastStack } from '../components/toast-stack';
import { PauseAllDialog } from '../features/pause-all/pause-all-dialog';
import { CommandPalette } from './command-palette';
import { RouteView } from './route-view';
import { SessionBanner } from './session-banner';
import { FreezeBanner } from '../features/incident/freeze-banner';
import { DrillBanner } from '../features/drill/drill-banner';
import { StaleBanner } from './stale-banner';
import { TopBar } from './top-bar';
import { useFreshnessMonitor } from './use-freshness-monitor';
import { useRoute } from './use-route';
import { routeKey } from './routes';
import { focusViewHeading, useFocusOnNewView } from './view-focus';
import { selectStale, useFreshnessStore } from '../store/freshness-store';

export function App() {
  useChangeStream();
  useFreshnessMonitor();
  const route = useRoute();
  useFocusOnNewView(routeKey(route));
  const stale = useFreshnessStore(selectStale);
  return (
    <div className="app" data-stale={stale}>
      {/* Not href="#main": the hash is the route. */}
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          focusViewHeading();
        }}
      >
        Skip to main content
      </a>
      <DrillBanner />
      <TopBar route={route} />
      <SessionBanner />
      <FreezeBanner />
      <StaleBanner />
      <main className="main" id="main">
        <RouteView route={route} />
      </main>
      <CommandPalette />
      <PauseAllDialog />
      <ToastStack />
    </div>
  );
}
