import { type ReactNode, useEffect, useRef } from 'react';

/** A dialog over the app; Escape, the close button or a click outside closes it. */
export function Modal({
  title,
  onClose,
  children,
  wide,
}: {
  title: string;
  onClose(): void;
  children: ReactNode;
  wide?: boolean;
}) {
  const backdrop = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    // A click on the backdrop itself (not inside the dialog) is a pointer shortcut for the close button.
    const onDown = (e: MouseEvent) => {
      if (e.target === backdrop.current) onClose();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('mousedown', onDown);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('mousedown', onDown);
    };
  }, [onClose]);
  return (
    <div className="modal-backdrop" ref={backdrop}>
      <dialog open className={`modal ${wide ? 'modal-wide' : ''}`} aria-modal="true" aria-label={title}>
        <header className="modal-head">
          <h2>{title}</h2>
          <button type="button" className="btn btn-ghost btn-small" onClick={onClose} aria-label="Close">
            ✕
          </button>
        </header>
        <div className="modal-body">{children}</div>
      </dialog>
    </div>
  );
}
