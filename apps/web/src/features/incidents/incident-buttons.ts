import type { ActionKind, Incident } from '@carebridge/shared';

type CaseState = Pick<Incident, 'status' | 'canEdit' | 'police' | 'kind'> & Partial<Pick<Incident, 'acknowledgement' | 'actions'>>;

/** Whether the bureau has given the school an instruction (批示): with its 签收, or later on the timeline. */
export const instructed = (i: Partial<Pick<Incident, 'acknowledgement' | 'actions'>>): boolean =>
  !!i.acknowledgement?.instruction || !!i.actions?.some((a) => a.kind === 'instruction');

/**
 * The steps this user may add now: close/reopen only for leaders and the moral-education office,
 * dropout duties only for dropouts, 回复批示 once the bureau has given an instruction. The bureau's own
 * instruction is not among them (AcknowledgementPanel, `canInstruct`).
 */
export function actionKindsFor(i: CaseState, closes: boolean): ActionKind[] {
  if (i.status === 'closed') return closes ? ['reopen'] : [];
  return [
    'action',
    'follow_up',
    ...(i.kind === 'dropout' ? (['persuasion', 'written_report'] as const) : []),
    ...(instructed(i) ? (['reply'] as const) : []),
    'note',
    ...(closes ? (['close'] as const) : []),
  ];
}

/** What the case page offers the reader; the bureau's 签收 is `canAcknowledge`, the server's answer, on an open or a closed case. */
export interface IncidentButtons {
  /** 编辑 the report. */
  edit: boolean;
  /** 登记报案: the red alert's button where the law requires a report, the header's otherwise. */
  police: boolean;
  /** Record a step of the notification chain or an extra notification. */
  notify: boolean;
  /** 添加处置记录. */
  addAction: boolean;
  close: boolean;
  reopen: boolean;
}

/**
 * A closed case offers only 重新打开, to those who close cases (`closes`: the user's role at the
 * case's school, `closesIncidents`): the server refuses every other change of it with `incident_closed`.
 */
export function incidentButtons(i: CaseState, closes: boolean): IncidentButtons {
  const open = i.status === 'open';
  const acts = i.canEdit && open;
  const kinds = i.canEdit ? actionKindsFor(i, closes) : [];
  return {
    edit: acts,
    police: acts && !i.police,
    notify: acts,
    addAction: kinds.some((k) => k !== 'close' && k !== 'reopen'),
    close: kinds.includes('close'),
    reopen: kinds.includes('reopen'),
  };
}
