-- An archive object that cannot be loaded is set aside (sink/aurora): its manifest row says why
-- (NULL: loaded). The same key and ETag is not tried again; new content (a new ETag) is.
ALTER TABLE load_manifest ADD COLUMN load_error VARCHAR(1000);
