import { sql, type Kysely } from 'kysely';

/**
 * The help center (issue 8 §2): categories, articles with their Vietnamese and English text,
 * "was this helpful?" answers and suggestion clicks (the raw events of the deflection metric,
 * which is computed at read time against conversations).
 *
 * `help_centers` gives each workspace its public address: a key made once from the shop's name and
 * random characters, so public URLs stay the same when the shop is renamed and do not reveal ids.
 *
 * `search_folded` holds the folded title and text (contracts `fold`); where pg_trgm can be created a
 * trigram index makes typo-tolerant search fast (same pattern as 0002_search), otherwise the server
 * searches an in-process index (helpcenter/search.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table help_centers (
      workspace_id text primary key references workspaces(id) on delete cascade,
      public_key text not null unique,
      created_at timestamptz(3) not null default now()
    )`.execute(db);

  await sql`
    create table help_categories (
      id text primary key,
      workspace_id text not null references workspaces(id) on delete cascade,
      position integer not null default 0,
      slug text not null,
      name_vi text not null,
      name_en text not null default '',
      description_vi text not null default '',
      description_en text not null default '',
      created_at timestamptz(3) not null default now(),
      updated_at timestamptz(3) not null default now(),
      unique (workspace_id, slug)
    )`.execute(db);

  await sql`
    create table help_articles (
      id text primary key,
      workspace_id text not null references workspaces(id) on delete cascade,
      category_id text references help_categories(id) on delete set null,
      slug text not null,
      status text not null default 'draft' check (status in ('draft', 'published')),
      position integer not null default 0,
      views integer not null default 0,
      helpful integer not null default 0,
      not_helpful integer not null default 0,
      created_by text references agents(id) on delete set null,
      source_conversation_id text references conversations(id) on delete set null,
      created_at timestamptz(3) not null default now(),
      updated_at timestamptz(3) not null default now(),
      published_at timestamptz(3),
      unique (workspace_id, slug)
    )`.execute(db);
  await sql`create index help_articles_listing on help_articles (workspace_id, status, category_id, position, id)`.execute(db);

  await sql`
    create table help_article_locales (
      article_id text not null references help_articles(id) on delete cascade,
      workspace_id text not null references workspaces(id) on delete cascade,
      locale text not null check (locale in ('vi', 'en')),
      title text not null,
      body_html text not null,
      body_text text not null,
      title_folded text not null,
      search_folded text not null,
      primary key (article_id, locale)
    )`.execute(db);
  await sql`create index help_article_locales_workspace on help_article_locales (workspace_id, locale)`.execute(db);

  await sql`
    create table help_feedback (
      id text primary key,
      workspace_id text not null references workspaces(id) on delete cascade,
      article_id text not null references help_articles(id) on delete cascade,
      locale text not null check (locale in ('vi', 'en')),
      helpful boolean not null,
      reason text check (reason in ('outdated', 'unclear', 'missing', 'wrong', 'other')),
      comment text check (char_length(comment) <= 500),
      token_id text not null,
      created_at timestamptz(3) not null default now(),
      unique (workspace_id, token_id)
    )`.execute(db);
  await sql`create index help_feedback_article on help_feedback (workspace_id, article_id, created_at)`.execute(db);

  await sql`
    create table help_deflections (
      id text primary key,
      workspace_id text not null references workspaces(id) on delete cascade,
      article_id text not null references help_articles(id) on delete cascade,
      contact_id text references contacts(id) on delete set null,
      source text not null check (source in ('widget', 'portal')),
      created_at timestamptz(3) not null default now()
    )`.execute(db);
  await sql`create index help_deflections_workspace on help_deflections (workspace_id, created_at)`.execute(db);

  const available = await sql`select 1 from pg_available_extensions where name = 'pg_trgm'`.execute(db);
  if (available.rows.length === 0) return;
  // Migrations run in one transaction: a refused CREATE EXTENSION must not abort it.
  await sql`savepoint help_trgm`.execute(db);
  try {
    await sql`create extension if not exists pg_trgm`.execute(db);
  } catch {
    await sql`rollback to savepoint help_trgm`.execute(db);
    return;
  }
  await sql`create index help_article_locales_search on help_article_locales using gin (search_folded gin_trgm_ops)`.execute(db);
  await sql`create index help_article_locales_title on help_article_locales using gin (title_folded gin_trgm_ops)`.execute(db);
}
