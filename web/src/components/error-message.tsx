import type { ComponentChildren } from 'preact';

/** A failure the page reports, read out by screen readers as it appears; nothing when there is none. */
export function ErrorMessage({ error }: { error: ComponentChildren }) {
  return error ? (
    <p role="alert" class="error">
      {error}
    </p>
  ) : null;
}
