// Mocha global setup (.mocharc.json "require"): tests that start the real `ppoc-prep` run the
// compiled dist-node/, so it is rebuilt first when it is missing or older than the sources
// (`npm test` builds anyway; this keeps `npx mocha --spec …` honest while editing).
import { staleReason } from '../dataprep/bin/compiled.mjs';
import { buildNode } from '../scripts/build-node.mjs';

export async function mochaGlobalSetup() {
  if (staleReason() !== null) await buildNode();
}
