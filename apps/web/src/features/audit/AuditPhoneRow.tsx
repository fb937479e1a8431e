import type { AuditEntry } from '@carebridge/shared';
import { Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useLabels } from '../../i18n/labels.ts';
import { useT } from '../../i18n/lang.tsx';
import { shanghaiTime } from '../../lib/dates.ts';
import { AuditDetailsLine, AuditDetailsPanel } from './AuditDetails.tsx';
import { AuditActor } from './AuditPeople.tsx';
import { AuditSubject } from './AuditSubject.tsx';

/**
 * An entry on a phone, as a block the screen's width instead of a table row that scrolls sideways:
 * when (Beijing time) and from where, who, what was done to what, its details in two lines, and
 * every detail behind a button. What is missing is left out, not shown as "—" as in the table's cells.
 */
export function AuditPhoneRow({ entry, showSchool }: { entry: AuditEntry; showSchool: boolean }) {
  const t = useT();
  const labels = useLabels();
  const [open, setOpen] = useState(false);
  const expandable = !!entry.summary && Object.keys(entry.summary).length > 0;
  return (
    <Flex vertical gap={4}>
      <Flex justify="space-between" gap={8} wrap>
        <Typography.Text type="secondary" style={{ fontSize: 12, fontVariantNumeric: 'tabular-nums' }}>
          {shanghaiTime(entry.at, true)}
        </Typography.Text>
        {entry.ip && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }} title={t('audit.ip')}>
            {entry.ip}
          </Typography.Text>
        )}
      </Flex>
      <AuditActor entry={entry} />
      <Typography.Text strong>
        {labels.action(entry.action)} · {labels.entity(entry.entity)}
      </Typography.Text>
      {/* A sign-in is about the one who signs in: named once, above. */}
      {!(entry.entity === 'user' && entry.entityId === entry.userId) && <AuditSubject entry={entry} showSchool={showSchool} none={null} />}
      <AuditDetailsLine entry={entry} none={null} />
      {expandable && (
        <>
          <Button
            type="link"
            size="small"
            style={{ paddingInline: 0, alignSelf: 'start' }}
            aria-expanded={open}
            onClick={() => setOpen(!open)}
            data-testid="audit-phone-expand"
          >
            {open ? t('audit.hideDetails') : t('audit.showDetails')}
          </Button>
          {open && <AuditDetailsPanel entry={entry} />}
        </>
      )}
    </Flex>
  );
}
