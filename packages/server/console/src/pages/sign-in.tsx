import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ApiFailure, api, MFA_PENDING, signIn, verifyOtp } from '../api.js';
import { Field, formValues, messageOf } from '../components.js';

export interface Me {
  sid: string;
  name: string;
  via: 'cookie' | 'session';
  privileges: string[];
}

async function loadMe(via: Me['via']): Promise<Me> {
  const user = await api<{ sid: string; username: string; domain: string; privileges: string[] }>(
    'GET',
    '/irisservices/api/v1/public/sessionUser',
  );
  return { sid: user.sid, name: `${user.domain}\\${user.username}`, via, privileges: user.privileges };
}

/** The web login; a one-time code step when the cluster asks for MFA. */
export function SignInPage({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [pendingVia, setPendingVia] = useState<Me['via'] | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  // Before the first paint, so that keys typed as soon as the page shows land in the field.
  useLayoutEffect(() => {
    document.title = 'Sign in · Cohesity stand-in';
    first.current?.focus();
  }, [pendingVia]);

  const finish = async (via: Me['via']) => {
    try {
      onSignedIn(await loadMe(via));
    } catch (failure) {
      if (failure instanceof ApiFailure && failure.message === MFA_PENDING) setPendingVia(via);
      else throw failure;
    }
  };
  const run = async (step: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await step();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" class="sign-in">
      <h1>Cohesity stand-in console</h1>
      {pendingVia === null ? (
        <form
          aria-label="Sign in"
          onSubmit={(event) => {
            const { username = '', password = '', domain = 'LOCAL' } = formValues(event);
            void run(async () => finish(await signIn({ username, password, domain })));
          }}
        >
          <Field label="Username">
            <input name="username" ref={first} autoComplete="username" required />
          </Field>
          <Field label="Password">
            <input name="password" type="password" autoComplete="current-password" required />
          </Field>
          <Field label="Domain">
            <input name="domain" defaultValue="LOCAL" required />
          </Field>
          <button type="submit" disabled={busy}>
            Sign in
          </button>
        </form>
      ) : (
        <form
          aria-label="Second factor"
          onSubmit={(event) => {
            const { otpCode = '' } = formValues(event);
            void run(async () => {
              await verifyOtp(otpCode);
              await finish(pendingVia);
            });
          }}
        >
          <Field label="One-time code" hint="From your authenticator app">
            <input name="otpCode" ref={first} inputMode="numeric" autoComplete="one-time-code" required />
          </Field>
          <button type="submit" disabled={busy}>
            Verify
          </button>
        </form>
      )}
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
    </main>
  );
}
