-- The authority's default language (tenant.yaml spec.defaultLanguage): the last step of the language negotiation
-- before German, for people whose browser names no language the platform speaks (docs/adr/0012).
ALTER TABLE platform.tenants ADD COLUMN default_language text NOT NULL DEFAULT 'de';
