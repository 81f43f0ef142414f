-- The command side answers HELP, STOP and START in the carer's language, or in their setting's default
-- language when the platform has no messages in theirs: the rule lookups learn each setting's default.
ALTER TABLE lookup_setting ADD COLUMN default_language VARCHAR(35);

-- Settings created before this column: the language from their SettingCreated event (no personal data,
-- so stored in clear). A pattern rather than a JSON cast, so that no stored payload can fail the migration.
UPDATE lookup_setting s
SET default_language = substring(convert_from(e.payload, 'UTF8') from '"defaultLanguage":"([^"]{1,35})"')
FROM domainevententry e
WHERE e.aggregateidentifier = s.setting_id
  AND e.payloadtype = 'dev.tandem.api.setting.SettingCreated';
