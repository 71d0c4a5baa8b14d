// A labelled form control with, right after it, the server's error for its field: the control is
// marked aria-invalid and described by the message, so a screen reader reads it with the field.
// `error` comes from useSubmission().errorAt(name).
import { cloneElement } from 'preact';

export function Field({ id, label, error, children }) {
  const control = cloneElement(children, {
    id,
    'aria-invalid': error ? 'true' : undefined,
    'aria-describedby': error ? `${id}-error` : undefined,
  });
  return (
    <>
      <label for={id}>{label}</label>
      {control}
      {error && <p id={`${id}-error`} class="error field-error" role="alert">{error}</p>}
    </>
  );
}

// The error no field of the form holds (a refused title, a store failure), at the form's foot.
export function FormError({ message }) {
  return message ? <p class="error" role="alert">{message}</p> : null;
}
