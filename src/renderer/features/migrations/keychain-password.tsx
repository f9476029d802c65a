import { useId, useState, type FormEvent } from 'react';
import { errorMessage } from '../../api/api-error';
import { useStorePassword } from '../../api/use-migrations';
import { toast } from '../../store/toast-store';

/** Desktop app only: stores a database profile's password in the OS keychain, never in config.yaml. */
export function KeychainPassword({ database, onStored }: { database: string; onStored: () => void }) {
  const [password, setPassword] = useState('');
  const store = useStorePassword();
  const inputId = useId();
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (password === '') return;
    store.mutate(
      { database, password },
      {
        onSuccess: () => {
          setPassword('');
          toast.success(`Password of ${database} stored in the OS keychain.`);
          onStored();
        },
        onError: (error) => toast.error(`Could not store the password: ${errorMessage(error)}`),
      },
    );
  };
  return (
    <form className="banner banner-warning keychain-form" onSubmit={submit}>
      <label htmlFor={inputId}>
        The password of database <strong>{database}</strong> belongs in the OS keychain:
      </label>
      <input
        id={inputId}
        type="password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        autoComplete="off"
      />
      <button type="submit" className="btn btn-small btn-primary" disabled={store.isPending}>
        Store in keychain
      </button>
    </form>
  );
}
