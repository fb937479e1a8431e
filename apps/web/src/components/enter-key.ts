/**
 * The onKeyDown of a picker in a form: Enter confirms what is typed in the field (the picker reads it
 * itself; `onEnter` may read more) and does not send the form. A browser submits a form on Enter in
 * any of its fields, and an activity saved before its end time and place were filled in, or a second
 * time by a second Enter, is worse than a tap on the save button. `then` (the caller's own onKeyDown)
 * runs after, with whatever else the picker passed.
 */
export function enterStaysInField<E extends { key: string; preventDefault(): void }, R extends unknown[]>(
  onEnter?: () => void,
  then?: (e: E, ...rest: R) => void,
): (e: E, ...rest: R) => void {
  return (e, ...rest) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      onEnter?.();
    }
    then?.(e, ...rest);
  };
}
