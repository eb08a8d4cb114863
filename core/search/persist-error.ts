/** A persisted search index cannot be read: not an index, another format version, damaged. */
export class SearchIndexFormatError extends Error {
  override name = 'SearchIndexFormatError'
}
