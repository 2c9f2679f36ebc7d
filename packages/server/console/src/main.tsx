import { render } from 'preact';
import './styles.css';
import { useEffect, useState } from 'preact/hooks';
import { signOut, whenSignedOut } from './api.js';
import { StatusRegion } from './components.js';
import { ApiKeysPage } from './pages/api-keys.js';
import { AuditPage } from './pages/audit.js';
import { ClusterPage } from './pages/cluster.js';
import { FaultsPage } from './pages/faults.js';
import { RequestsPage } from './pages/requests.js';
import { SecurityPage } from './pages/security.js';
import { SessionsPage } from './pages/sessions.js';
import { type Me, SignInPage } from './pages/sign-in.js';
import { UsersPage } from './pages/users.js';

const PAGES = [
  { path: 'cluster', label: 'Cluster', Page: ClusterPage },
  { path: 'users', label: 'Users', Page: UsersPage },
  { path: 'api-keys', label: 'API keys', Page: ApiKeysPage },
  { path: 'sessions', label: 'Sessions', Page: SessionsPage },
  { path: 'security', label: 'Security', Page: SecurityPage },
  { path: 'audit', label: 'Audit log', Page: AuditPage },
  { path: 'faults', label: 'Faults', Page: FaultsPage },
  { path: 'requests', label: 'Requests', Page: RequestsPage },
] as const;

const currentPath = () => location.hash.replace(/^#\/?/, '') || 'cluster';

function App() {
  const [me, setMe] = useState<Me | null>(null);
  const [path, setPath] = useState(currentPath());
  useEffect(() => {
    const onHash = () => setPath(currentPath());
    addEventListener('hashchange', onHash);
    whenSignedOut(() => setMe(null));
    return () => removeEventListener('hashchange', onHash);
  }, []);

  if (!me) return <SignInPage onSignedIn={setMe} />;
  const page = PAGES.find((p) => p.path === path) ?? PAGES[0];
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header>
        <span class="brand">Cohesity stand-in</span>
        <span class="me">
          {me.name} <small>({me.via})</small>
          <button
            type="button"
            onClick={async () => {
              await signOut();
              setMe(null);
            }}
          >
            Sign out
          </button>
        </span>
      </header>
      <nav aria-label="Pages">
        <ul>
          {PAGES.map((p) => (
            <li key={p.path}>
              <a href={`#/${p.path}`} aria-current={p === page ? 'page' : undefined}>
                {p.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main">
        <page.Page me={me} />
      </main>
      <StatusRegion />
    </>
  );
}

render(<App />, document.getElementById('app') as HTMLElement);
