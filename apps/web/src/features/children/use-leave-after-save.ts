import { useCallback, useState } from 'react';
import { type NavigateOptions, useNavigate } from 'react-router';

/**
 * A form page that goes once its form is saved. The router keeps the page on screen until the next
 * one has loaded, while the form's busy state ends with the request: without a guard the save button
 * is live again for that moment, and a second click sends the save again (an edit then meets a version
 * conflict, a new archive is made twice). `leaving` stays true from the save until the page is gone:
 * show a loading page instead of the form.
 */
export function useLeaveAfterSave() {
  const navigate = useNavigate();
  const [leaving, setLeaving] = useState(false);
  const leave = useCallback(
    (to: string, options?: NavigateOptions) => {
      setLeaving(true);
      void navigate(to, options);
    },
    [navigate],
  );
  return { leaving, leave };
}
