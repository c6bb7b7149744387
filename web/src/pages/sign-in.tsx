import { useState } from 'preact/hooks';
import { execute } from '../graphql';
import { MergeCart, SignIn, SignUp } from '../operations';
import { navigate } from '../router';
import { session } from '../session';
import { ErrorMessage } from '../components/error-message';

/** Sign in, or create an account with the same two fields; a guest cart comes along. */
export function SignInPage({ next }: { next: string }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const go = async (mode: 'in' | 'up') => {
    setBusy(true);
    setError(null);
    try {
      const data = mode === 'in' ? (await execute(SignIn, { email, password })).signIn : (await execute(SignUp, { email, password })).signUp;
      session.signedIn(data.token, data.user.email);
      const guestCart = session.cartToken();
      if (guestCart) {
        await execute(MergeCart, { cartToken: guestCart }).catch(() => undefined);
        session.setCartToken(null);
      }
      navigate(next.startsWith('/') ? next : '/');
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      class="card narrow"
      onSubmit={(event) => {
        event.preventDefault();
        void go('in');
      }}
      aria-labelledby="sign-in-heading"
    >
      <h1 id="sign-in-heading">Sign in</h1>
      <label for="email">E-mail</label>
      <input id="email" type="email" autocomplete="email" required value={email} onInput={(e) => setEmail((e.target as HTMLInputElement).value)} />
      <label for="password">Password</label>
      <input
        id="password"
        type="password"
        autocomplete="current-password"
        required
        minLength={10}
        value={password}
        onInput={(e) => setPassword((e.target as HTMLInputElement).value)}
        aria-describedby="password-help"
      />
      <p id="password-help" class="muted">
        At least 10 characters.
      </p>
      <ErrorMessage error={error} />
      <div class="actions">
        <button type="submit" disabled={busy}>
          Sign in
        </button>
        <button
          type="button"
          class="secondary"
          disabled={busy}
          onClick={(event) => {
            if ((event.currentTarget as HTMLButtonElement).form?.reportValidity()) void go('up');
          }}
        >
          Create account
        </button>
      </div>
    </form>
  );
}
