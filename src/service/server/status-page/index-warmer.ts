/**
 * Renders a newly published evaluation's index in the background (checked every second), so the first
 * viewer after each evaluation does not wait for 1,000 rows to be built. Cheap when nothing changed: the
 * view cache answers by identity.
 */
export function startIndexWarmer(warm: () => Promise<void>, everyMs = 1000): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    warm()
      .catch(() => undefined) // the request path reports the same failure to its viewer
      .finally(() => (running = false));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
