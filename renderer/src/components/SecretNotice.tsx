import { useStore } from '../store';
import { CopyButton } from './CopyButton';

/** The secrets of a just-created endpoint, shown once (they never appear in lists again). */
export function SecretNotice() {
  const created = useStore((s) => s.createdSecrets);
  const forget = useStore((s) => s.forgetSecrets);
  if (!created) return null;
  return (
    <output className="secret-notice">
      <strong>Signing secret — copy it now, it is not shown again:</strong>
      {created.secrets.map((s) => (
        <span key={s} className="row">
          <code>{s}</code>
          <CopyButton text={s} />
        </span>
      ))}
      <button type="button" className="btn btn-small btn-ghost" onClick={forget}>
        Done
      </button>
    </output>
  );
}
