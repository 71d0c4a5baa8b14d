-- Ward store: SBOMs of medical devices (issue 8, SBOM slice; docs/devices.md). One SBOM per
-- manufacturer, model and software version as the user attached it (`ward devices sbom`), kept
-- as its JSON text (CycloneDX or SPDX) with a hash, so a re-import says whether it changed and
-- `ward vulns match` reads the components again. (Text columns default to '': the store binds
-- empty text as NULL, which INSERT OR REPLACE turns into the default.)
CREATE TABLE device_sboms (
  vendor TEXT NOT NULL DEFAULT '',
  model TEXT NOT NULL DEFAULT '',
  version TEXT NOT NULL DEFAULT '',
  format TEXT NOT NULL DEFAULT '',
  spec_version TEXT NOT NULL DEFAULT '',
  components INTEGER NOT NULL,
  content_hash TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL DEFAULT '',
  imported_ns INTEGER NOT NULL,
  PRIMARY KEY (vendor, model, version)
);
