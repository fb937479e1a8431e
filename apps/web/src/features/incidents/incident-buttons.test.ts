import type { Incident } from '@carebridge/shared';
import { describe, expect, it } from 'vitest';
import { actionKindsFor, incidentButtons } from './incident-buttons.ts';

const open = { status: 'open', canEdit: true, police: null, kind: 'bullying' } as const;
const closed = { ...open, status: 'closed' } as const;
const reported = {
  reportedAt: '2026-11-20T01:50:00.000Z',
  reporterName: null,
  unit: '城关派出所',
  receiptNumber: null,
  method: 'call_110',
  recordedByName: null,
  recordedAt: '2026-11-20T01:50:00.000Z',
} as const;

describe('the buttons of a case', () => {
  it('offers an open case’s school everything it may do: edit, police report, notifications, actions, closing', () => {
    expect(incidentButtons(open, true)).toEqual({ edit: true, police: true, notify: true, addAction: true, close: true, reopen: false });
    // A class teacher or the reporter acts but does not close.
    expect(incidentButtons(open, false)).toEqual({ edit: true, police: true, notify: true, addAction: true, close: false, reopen: false });
    // Once the police report is recorded, it is not offered again.
    expect(incidentButtons({ ...open, police: reported }, true).police).toBe(false);
  });

  it('offers on a closed case only 重新打开, to those who close cases: the server refuses every other change with incident_closed', () => {
    expect(incidentButtons(closed, true)).toEqual({ edit: false, police: false, notify: false, addAction: false, close: false, reopen: true });
    expect(incidentButtons(closed, false)).toEqual({ edit: false, police: false, notify: false, addAction: false, close: false, reopen: false });
    expect(actionKindsFor(closed, true)).toEqual(['reopen']);
    expect(actionKindsFor(closed, false)).toEqual([]);
  });

  it('offers nothing to a reader who does not act on the case (the bureau, whose 签收 is canAcknowledge), open or closed', () => {
    for (const i of [open, closed]) expect(Object.values(incidentButtons({ ...i, canEdit: false }, true)).some(Boolean), i.status).toBe(false);
  });

  it('offers 回复批示 once the bureau has given an instruction, with its 签收 or later', () => {
    expect(actionKindsFor(open, false)).not.toContain('reply');
    const ack = { at: '2026-11-20T03:00:00.000Z', byName: '县教育局王科长', instruction: null };
    expect(actionKindsFor({ ...open, acknowledgement: ack }, false)).not.toContain('reply');
    expect(actionKindsFor({ ...open, acknowledgement: { ...ack, instruction: '请报送处置情况' } }, false)).toEqual(['action', 'follow_up', 'reply', 'note']);
    const later = { id: 'a1', kind: 'instruction', at: ack.at, text: '请跟进', authorName: '王科长' } as unknown as Incident['actions'][number];
    expect(actionKindsFor({ ...open, acknowledgement: ack, actions: [later] }, true)).toEqual(['action', 'follow_up', 'reply', 'note', 'close']);
    expect(actionKindsFor({ ...closed, acknowledgement: ack, actions: [later] }, true)).toEqual(['reopen']);
  });

  it('offers the dropout duties on dropout cases only', () => {
    expect(actionKindsFor({ ...open, kind: 'dropout' }, false)).toEqual(['action', 'follow_up', 'persuasion', 'written_report', 'note']);
    expect(actionKindsFor(open, true)).toEqual(['action', 'follow_up', 'note', 'close']);
  });
});
