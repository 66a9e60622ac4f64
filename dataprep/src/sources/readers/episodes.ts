import type { EpisodeRecord } from '../../model/source-records';
import { code, date, rowReaders, text } from '../fields';
import type { FileDefinition } from '../file-definition';
import { CODE, PERSON_ID } from './limits';

/** `episodes.csv`: the standard SSDA903 Episodes file; only the columns used are required. */
export const episodesFile = (): FileDefinition<EpisodeRecord> => ({
  columns: ['CHILD', 'DECOM', 'LS', 'PLACE', 'PLACE_PROVIDER', 'DEC', 'REC'].map((name) => ({ name, required: true })),
  personIdColumn: 'CHILD',
  ...rowReaders(
    {
      CHILD: text('CHILD', { max: PERSON_ID, requiredRule: 'missing_person_id' }),
      DECOM: date('DECOM', { required: true }),
      LS: code('LS', CODE),
      PLACE: code('PLACE', CODE),
      PLACE_PROVIDER: code('PLACE_PROVIDER', CODE),
      DEC: date('DEC', { required: false }),
      REC: text('REC', { max: CODE, repetitive: true }),
    },
    (row, sourceFile, line) => ({
      child: row.CHILD,
      decom: row.DECOM,
      ls: row.LS,
      place: row.PLACE,
      placeProvider: row.PLACE_PROVIDER,
      dec: row.DEC,
      rec: row.REC,
      sourceFile,
      line,
    }),
  ),
  // A blank LS or PLACE keeps the episode (the child is still in care) but MI should know.
  warn: (episode) =>
    episode.ls === '' || episode.place === ''
      ? {
          column: episode.ls === '' ? 'LS' : 'PLACE',
          rule: 'missing_code',
          message: `${episode.ls === '' ? 'LS (legal status)' : 'PLACE (placement type)'} is empty: the episode is kept without it`,
        }
      : null,
  check: (episode) =>
    episode.dec !== null && episode.dec < episode.decom
      ? {
          column: 'DEC',
          rule: 'ceased_before_start',
          message: `DEC ${episode.dec} is before DECOM ${episode.decom}: the episode ends before it starts`,
        }
      : null,
});
