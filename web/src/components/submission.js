// A form's request: busy while it runs, the server's message as the error (shown by the form),
// and the field the server named (error.field), so the form shows the message beside that field.
// `errorAt(name)` is the message when the server's field is `name` or inside it ("residents"
// holds "residents.XX", "certifications[0]" holds "certifications[0].expires"); `errorElsewhere(
// names)` is the message when none of the form's fields holds it (shown at the foot of the form).
import { useState } from 'preact/hooks';

export function fieldHolds(name, field) {
  return !!field && (field === name || field.startsWith(`${name}.`) || field.startsWith(`${name}[`));
}

export function useSubmission() {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState(null);
  const run = async (request) => {
    setBusy(true);
    setFailure(null);
    try {
      await request();
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };
  const error = failure ? failure.message : null;
  const errorAt = (name) => (failure && fieldHolds(name, failure.field) ? failure.message : null);
  const errorElsewhere = (names) => (failure && !names.some((n) => fieldHolds(n, failure.field)) ? failure.message : null);
  return { busy, error, failure, errorAt, errorElsewhere, run, fail: setFailure };
}
