-- Ward store, version 33: per device model (issue 8, src/devices/model_store.h), the
-- manufacturer's security contact and the model's MDS2 answers. Keyed as the matcher compares
-- models: vendor_key the vendor's canonical alias key(s), model_key the normalised model name;
-- manufacturer and model as written. mds2 is a JSON object of MDS2 question id -> answer ('{}'
-- when no form is on file). Empty texts are NULL.
CREATE TABLE device_models (
  vendor_key TEXT NOT NULL,
  model_key TEXT NOT NULL,
  manufacturer TEXT NOT NULL,
  model TEXT NOT NULL,
  contact_name TEXT,
  contact_email TEXT,
  contact_phone TEXT,
  psirt_url TEXT,
  mds2 TEXT NOT NULL DEFAULT '{}',
  end_of_support TEXT,
  notes TEXT,
  updated_ns INTEGER NOT NULL,
  updated_by TEXT,
  PRIMARY KEY (vendor_key, model_key)
);
