import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';
import * as foundation from './20261128T1800-foundation.ts';
import * as children from './20261128T2000-children.ts';
import * as care from './20261128T2100-care.ts';
import * as compliance from './20261128T2200-compliance.ts';
import * as careIndexes from './20261128T2300-care-indexes.ts';
import * as careLinks from './20261128T2310-care-links.ts';
import * as incidents from './20261129T0100-incidents.ts';
import * as activities from './20261129T0200-activities.ts';
import * as camps from './20261129T0300-camps.ts';
import * as campaignsEvents from './20261129T0400-campaigns-events.ts';
import * as reporting from './20261129T0500-reporting.ts';
import * as briefingCharts from './20261129T0600-briefing-charts.ts';
import * as campPhotos from './20261129T0700-camp-photos.ts';
import * as careCoveringIndexes from './20261129T0800-care-covering-indexes.ts';
import * as complianceStamps from './20261129T0900-compliance-stamps.ts';
import * as careRecordsKindCover from './20261129T1000-care-records-kind-cover.ts';
import * as incidentNoticeRecorder from './20261129T1100-incident-notice-recorder.ts';
import * as complianceStampHold from './20261130T0900-compliance-stamp-hold.ts';
import * as historyLz4 from './20261130T1000-history-lz4.ts';
import * as complianceTallies from './20261201T0900-compliance-tallies.ts';
import * as childrenPlaceStatistics from './20261202T0900-children-place-statistics.ts';
import * as policyStamps from './20261203T0900-policy-stamps.ts';
import * as auditRegionIndex from './20261203T1000-audit-region-index.ts';
import * as childrenParentChecks from './20261204T0900-children-parent-checks.ts';
import * as incidentAcknowledgement from './20261205T0900-incident-acknowledgement.ts';
import * as endDepartedPairings from './20261206T0900-end-departed-pairings.ts';
import * as incidentExtraNotices from './20261206T1000-incident-extra-notices.ts';
import * as riskLevels from './20261207T0900-risk-levels.ts';
import * as incidentReachAndLinks from './20261208T1000-incident-reach-and-links.ts';
import * as tallyCoverIndexes from './20261209T0900-tally-cover-indexes.ts';
import * as endDepartedMentorPairings from './20261209T1100-end-departed-mentor-pairings.ts';
import * as complianceMonthStamps from './20261210T0900-compliance-month-stamps.ts';
import * as usernameIgnoreCase from './20261211T0900-username-ignore-case.ts';
import * as headTeachersAgree from './20261211T0910-head-teachers-agree.ts';
import * as openFollowUpsIndex from './20261212T0900-open-follow-ups-index.ts';
import * as incidentInstructionText from './20261213T0900-incident-instruction-text.ts';
import * as settledBureauAlerts from './20261213T1000-settled-bureau-alerts.ts';

export interface PortableMigration {
  up(db: Kysely<any>, dialect: Dialect): Promise<void>;
}

/** Every migration, in order. Names are frozen once released. */
export const migrations: Record<string, PortableMigration> = {
  '20261128T1800-foundation': foundation,
  '20261128T2000-children': children,
  '20261128T2100-care': care,
  '20261128T2200-compliance': compliance,
  '20261128T2300-care-indexes': careIndexes,
  '20261128T2310-care-links': careLinks,
  '20261129T0100-incidents': incidents,
  '20261129T0200-activities': activities,
  '20261129T0300-camps': camps,
  '20261129T0400-campaigns-events': campaignsEvents,
  '20261129T0500-reporting': reporting,
  '20261129T0600-briefing-charts': briefingCharts,
  '20261129T0700-camp-photos': campPhotos,
  '20261129T0800-care-covering-indexes': careCoveringIndexes,
  '20261129T0900-compliance-stamps': complianceStamps,
  '20261129T1000-care-records-kind-cover': careRecordsKindCover,
  '20261129T1100-incident-notice-recorder': incidentNoticeRecorder,
  '20261130T0900-compliance-stamp-hold': complianceStampHold,
  '20261130T1000-history-lz4': historyLz4,
  '20261201T0900-compliance-tallies': complianceTallies,
  '20261202T0900-children-place-statistics': childrenPlaceStatistics,
  '20261203T0900-policy-stamps': policyStamps,
  '20261203T1000-audit-region-index': auditRegionIndex,
  '20261204T0900-children-parent-checks': childrenParentChecks,
  '20261205T0900-incident-acknowledgement': incidentAcknowledgement,
  '20261206T0900-end-departed-pairings': endDepartedPairings,
  '20261206T1000-incident-extra-notices': incidentExtraNotices,
  '20261207T0900-risk-levels': riskLevels,
  '20261208T1000-incident-reach-and-links': incidentReachAndLinks,
  '20261209T0900-tally-cover-indexes': tallyCoverIndexes,
  '20261209T1100-end-departed-mentor-pairings': endDepartedMentorPairings,
  '20261210T0900-compliance-month-stamps': complianceMonthStamps,
  '20261211T0900-username-ignore-case': usernameIgnoreCase,
  '20261211T0910-head-teachers-agree': headTeachersAgree,
  '20261212T0900-open-follow-ups-index': openFollowUpsIndex,
  '20261213T0900-incident-instruction-text': incidentInstructionText,
  '20261213T1000-settled-bureau-alerts': settledBureauAlerts,
};
