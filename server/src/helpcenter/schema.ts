import type { ColumnType, Insertable, Kysely, Selectable } from 'kysely';
import type { DB } from '../platform/db/schema.ts';

/** Kysely table types of the help center; they mirror db/migrations/0013_helpcenter.ts, 0017_help_images.ts, 0018_help_branding.ts and 0019_help_image_sweep.ts. */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Default<T> = ColumnType<T, T | undefined, T>;

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

/** One row per workspace: the public key, and the site's branding (null: the shop's name, the web chat's colour). */
export interface HelpCentersTable {
  workspace_id: string;
  public_key: string;
  created_at: DefaultTimestamp;
  /** A help image of the same workspace (checked by site.ts; the foreign key only says it exists). */
  logo_image_id: Nullable<string>;
  /** `#rrggbb`, lower case. */
  color: Nullable<string>;
  title_vi: Nullable<string>;
  title_en: Nullable<string>;
}

export interface HelpCategoriesTable {
  id: string;
  workspace_id: string;
  position: Default<number>;
  slug: string;
  name_vi: string;
  name_en: Default<string>;
  description_vi: Default<string>;
  description_en: Default<string>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface HelpArticlesTable {
  id: string;
  workspace_id: string;
  category_id: string | null;
  /** Never changes once the article has been published (published_at set). */
  slug: string;
  status: Default<'draft' | 'published'>;
  position: Default<number>;
  views: Default<number>;
  helpful: Default<number>;
  not_helpful: Default<number>;
  created_by: string | null;
  source_conversation_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  published_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface HelpArticleLocalesTable {
  article_id: string;
  workspace_id: string;
  locale: 'vi' | 'en';
  title: string;
  /** Sanitized on write (helpcenter/sanitize.ts). */
  body_html: string;
  body_text: string;
  title_folded: string;
  /** Folded title and text: what search reads. */
  search_folded: string;
}

export interface HelpFeedbackTable {
  id: string;
  workspace_id: string;
  article_id: string;
  locale: 'vi' | 'en';
  helpful: boolean;
  reason: 'outdated' | 'unclear' | 'missing' | 'wrong' | 'other' | null;
  comment: string | null;
  /** The signed form token's id: one answer per rendered form. */
  token_id: string;
  created_at: DefaultTimestamp;
}

/** One row per suggestion click; whether it deflected a conversation is computed when read. */
export interface HelpDeflectionsTable {
  id: string;
  workspace_id: string;
  article_id: string;
  contact_id: string | null;
  source: 'widget' | 'portal';
  created_at: DefaultTimestamp;
}

/** An uploaded article image, public at `/help/<key>/img/<id>`; one row per distinct picture of a workspace. */
export interface HelpImagesTable {
  id: string;
  workspace_id: string;
  storage_key: string;
  content_type: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';
  byte_size: number;
  /** Hex SHA-256 of the bytes: the dedupe key and the ETag. */
  sha256: string;
  created_by: string | null;
  created_at: DefaultTimestamp;
  /** When these bytes were last uploaded (the first time, or again): the unused-image sweep waits from here. */
  last_uploaded_at: DefaultTimestamp;
}

export interface HelpTables {
  help_centers: HelpCentersTable;
  help_categories: HelpCategoriesTable;
  help_articles: HelpArticlesTable;
  help_article_locales: HelpArticleLocalesTable;
  help_feedback: HelpFeedbackTable;
  help_deflections: HelpDeflectionsTable;
  help_images: HelpImagesTable;
}

export type HelpDb = Kysely<DB & HelpTables>;
export type HelpRow<T extends keyof HelpTables> = Selectable<HelpTables[T]>;
export type NewHelpRow<T extends keyof HelpTables> = Insertable<HelpTables[T]>;
