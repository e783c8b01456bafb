import type { Migration } from 'kysely';
import * as m0001 from './0001_core.ts';
import * as m0002 from './0002_search.ts';
import * as m0003 from './0003_inbox_indexes.ts';
import * as m0004 from './0004_commerce.ts';
import * as m0005 from './0005_analytics.ts';
import * as m0006 from './0006_followups.ts';
import * as m0007 from './0007_product_cycles.ts';
import * as m0008 from './0008_email.ts';
import * as m0009 from './0009_email_notifications.ts';
import * as m0010 from './0010_messaging.ts';
import * as m0011 from './0011_calls.ts';
import * as m0012 from './0012_service_rules.ts';
import * as m0013 from './0013_helpcenter.ts';
import * as m0014 from './0014_surveys.ts';
import * as m0015 from './0015_reports.ts';
import * as m0016 from './0016_help_search.ts';
import * as m0017 from './0017_help_images.ts';
import * as m0018 from './0018_help_branding.ts';
import * as m0019 from './0019_help_image_sweep.ts';
import * as m0020 from './0020_telegram_polling.ts';
import * as m0021 from './0021_assist.ts';

/** Every migration, in order. Never edit one that has landed: add the next. */
export const migrations: Record<string, Migration> = {
  '0001_core': m0001,
  '0002_search': m0002,
  '0003_inbox_indexes': m0003,
  '0004_commerce': m0004,
  '0005_analytics': m0005,
  '0006_followups': m0006,
  '0007_product_cycles': m0007,
  '0008_email': m0008,
  '0009_email_notifications': m0009,
  '0010_messaging': m0010,
  '0011_calls': m0011,
  '0012_service_rules': m0012,
  '0013_helpcenter': m0013,
  '0014_surveys': m0014,
  '0015_reports': m0015,
  '0016_help_search': m0016,
  '0017_help_images': m0017,
  '0018_help_branding': m0018,
  '0019_help_image_sweep': m0019,
  '0020_telegram_polling': m0020,
  '0021_assist': m0021,
};
