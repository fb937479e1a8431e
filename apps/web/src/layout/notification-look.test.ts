import { AlertOutlined, AuditOutlined, CheckCircleOutlined, ClockCircleOutlined, FlagOutlined, SendOutlined, WarningOutlined } from '@ant-design/icons';
import { describe, expect, it } from 'vitest';
import { notificationLook } from './notification-look.ts';

describe('notification icons', () => {
  it('shows the bureau’s 签收 and a case awaiting it apart from the deadline clock', () => {
    expect(notificationLook('incident_acknowledged').Icon).toBe(CheckCircleOutlined);
    expect(notificationLook('incident_to_bureau').Icon).toBe(AuditOutlined);
    expect(notificationLook('risk').Icon).toBe(AlertOutlined);
    for (const kind of ['overdue', 'incident', 'something_new']) expect(notificationLook(kind).Icon, kind).toBe(ClockCircleOutlined);
    const colours = ['incident_acknowledged', 'incident_to_bureau', 'risk', 'overdue'].map((k) => notificationLook(k).color);
    expect(new Set(colours).size).toBe(4);
  });

  it('shows a new incident report and a required police report as an alarm, in red; older incident rows keep the clock', () => {
    const urgent = notificationLook('incident_urgent');
    expect(urgent.Icon).toBe(WarningOutlined);
    expect(urgent.color).toMatch(/^#(cf1322|a8071a|f5222d)$/);
    // Rows stored before the kind existed (and overdue steps of the chain) are deadlines.
    expect(notificationLook('incident').Icon).toBe(ClockCircleOutlined);
    const colours = ['incident_urgent', 'incident_acknowledged', 'incident_to_bureau', 'risk', 'overdue'].map((k) => notificationLook(k).color);
    expect(new Set(colours).size).toBe(5);
  });

  it('shows a roster submitted, returned or approved with its own icon, not a deadline', () => {
    expect(notificationLook('roster').Icon).toBe(SendOutlined);
  });

  it("shows a care record's follow-up falling due with the flag of the workbench's follow-up card, in a colour of its own", () => {
    expect(notificationLook('follow_up').Icon).toBe(FlagOutlined);
    const colours = ['follow_up', 'incident_urgent', 'incident_acknowledged', 'incident_to_bureau', 'risk', 'roster', 'overdue'].map(
      (k) => notificationLook(k).color,
    );
    expect(new Set(colours).size).toBe(7);
  });
});
