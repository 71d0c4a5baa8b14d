// A form's request: busy while it runs, the server's message as the error (shown by the form).
import { useState } from 'preact/hooks';

export function useSubmission() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const run = async (request) => {
    setBusy(true);
    setError(null);
    try {
      await request();
    } catch (err) {
      setError(err.message);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}
