import { useChangeStream } from '../api/use-change-stream';
import { ToastStack } from '../components/toast-stack';
import { CommandPalette } from './command-palette';
import { RouteView } from './route-view';
import { SessionBanner } from './session-banner';
import { TopBar } from './top-bar';
import { useRoute } from './use-route';

export function App() {
  useChangeStream();
  const route = useRoute();
  return (
    <div className="app">
      <TopBar route={route} />
      <SessionBanner />
      <main className="main" id="main">
        <RouteView route={route} />
      </main>
      <CommandPalette />
      <ToastStack />
    </div>
  );
}
