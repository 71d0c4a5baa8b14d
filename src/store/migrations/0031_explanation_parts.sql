-- Ward store, version 31: each access's explanation is a 32-bit value in a blob per part of 512
-- seqs (store/explanation_parts.h) instead of a row per access: a full privacy run writes
-- thousands of rows instead of millions, which was most of what the store's one writer did after an import
-- (docs/benchmarks.md). ward_u32_pack(slot, value) is an aggregate every connection of the store
-- has, that lays the values out as the code does.
CREATE TABLE access_explanation_parts (
  part  INTEGER PRIMARY KEY,  -- seq >> 9
  texts BLOB NOT NULL         -- per seq of the part: 0, or (explanation_texts.id << 1) | explained
);
INSERT INTO access_explanation_parts (part, texts)
  SELECT seq >> 9, ward_u32_pack(seq & 511, (text_id << 1) | (explained != 0))
  FROM access_explanations GROUP BY seq >> 9;
DROP TABLE access_explanations;
