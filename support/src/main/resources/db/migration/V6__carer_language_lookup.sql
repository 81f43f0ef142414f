-- The language each carer prefers, so that the command side can answer an SMS keyword (HELP) in it
-- without asking another service. Kept by the command side's subscribing directory processor from
-- CarerJoinedFamily and CarerPreferencesChanged; null until one of them is seen (answered in English).
ALTER TABLE lookup_carer ADD COLUMN preferred_language VARCHAR(16);
