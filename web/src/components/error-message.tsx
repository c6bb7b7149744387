/** A failure the page reports, read out by screen readers as it appears; nothing when there is none. */
export function ErrorMessage({ error }: { error: string | null | undefined }) {
  return error ? (
    <p role="alert" class="error">
      {error}
    </p>
  ) : null;
}
